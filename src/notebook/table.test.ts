import * as aq from "arquero";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { tableBundle } from "./table.js";

const markdown = (b: { data: Record<string, unknown> }) => b.data["text/markdown"];
const plain = (b: { data: Record<string, unknown> }) => b.data["text/plain"];

describe("table", () => {
  it("formats every number of a column with a fraction with `digits` decimals and right-aligns it", () => {
    const b = tableBundle([
      { item: "a", valor: 12 },
      { item: "b", valor: 12.5 },
    ]);
    expect(markdown(b)).toBe("|item|valor|\n|:-|-:|\n|a|12.00|\n|b|12.50|");
  });

  it("writes integer columns as they are and keeps PRONAC strings that look numeric", () => {
    const b = tableBundle([{ PRONAC: "000014", n: 46 }], { digits: 3 });
    expect(markdown(b)).toBe("|PRONAC|n|\n|:-|-:|\n|000014|46|");
  });

  it("uses exponential notation for values fixed decimals would show as zero", () => {
    const b = tableBundle([{ x: 0.0001 }, { x: 1.5 }], { digits: 2 });
    expect(markdown(b)).toBe("|x|\n|-:|\n|1.00e-4|\n|1.50|");
  });

  it("leaves null cells empty, escapes pipes and markup, and flattens line breaks", () => {
    const b = tableBundle([{ nome: "a|b *c*\nd", v: null }]);
    expect(markdown(b)).toBe("|nome|v|\n|:-|:-|\n|a\\|b \\*c\\* d||");
  });

  it("shows at most maxRows rows and says how many were left out", () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    const b = tableBundle(rows, { maxRows: 2, caption: "Três" });
    expect(markdown(b)).toBe("**Três**\n\n|n|\n|-:|\n|1|\n|2|\n\n*… 1 more rows (3 in all)*");
  });

  it("gives an aligned plain-text table for text/plain", () => {
    const b = tableBundle([
      { item: "ab", v: 1.5 },
      { item: "c", v: 10 },
    ]);
    expect(plain(b)).toBe("item      v\n----  -----\nab     1.50\nc     10.00");
  });

  it("reads a polars DataFrame, dates shown as ISO days", () => {
    const df = pl.DataFrame({ PRONAC: ["1", "2"], dia: [new Date("2019-03-01T00:00:00Z"), new Date("2019-03-02T12:30:00Z")] });
    expect(markdown(tableBundle(df))).toBe("|PRONAC|dia|\n|:-|:-|\n|1|2019-03-01|\n|2|2019-03-02T12:30:00Z|");
  });

  it("reads an arquero table, markup in headers escaped and pipes left to arquero", () => {
    const t = aq.table({ "a|b": ["x"], "*n*": [3] });
    expect(markdown(tableBundle(t))).toBe("|a\\|b|\\*n\\*|\n|:-|-:|\n|x|3|");
  });

  it("rejects a negative maxRows", () => {
    expect(() => tableBundle([], { maxRows: -1 })).toThrow(/maxRows must be a non-negative integer/);
  });
});

describe("table escaping", () => {
  it("keeps underscores inside words and escapes those that could start emphasis", () => {
    expect(tableBundle([{ is_outlier: "_x_" }]).data["text/markdown"]).toBe("|is_outlier|\n|:-|\n|\\_x\\_|");
  });
});
