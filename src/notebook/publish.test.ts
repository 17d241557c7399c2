import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { publishBundle } from "./publish.js";
import { RESULT_MIME, canonicalDataDir, resultProblems } from "./result.js";

const tolerance = { abs: 1e-9, rel: 0 };

describe("publish", () => {
  it("emits the payload with projects sorted as strings and fields sorted, plus a Markdown summary", () => {
    const { result, bundle } = publishBundle(
      "itens_orcamentarios",
      { "9": { valor: 3, is_outlier: false }, "10": { valor: 46, is_outlier: true, maximo_esperado: 44.06 } },
      { tolerance, dataDir: "../data-samples/" },
    );
    expect(result).toEqual({
      metric: "itens_orcamentarios",
      tolerance: { abs: 1e-9, rel: 0 },
      data_dir: "../data-samples",
      projects: { "10": { is_outlier: true, maximo_esperado: 44.06, valor: 46 }, "9": { is_outlier: false, valor: 3 } },
    });
    expect(Object.keys(result.projects["10"]!)).toEqual(["is_outlier", "maximo_esperado", "valor"]);
    expect(bundle.data[RESULT_MIME]).toBe(result);
    expect(bundle.data["text/markdown"]).toBe(
      [
        "**Result `itens_orcamentarios`: 2 projects, 1 outliers**",
        "",
        `data \`../data-samples\` · tolerance abs 1e-9, rel 0 · MIME ${RESULT_MIME}`,
        "",
        "Outliers: 10",
        "",
        "|PRONAC|is_outlier|maximo_esperado|valor|",
        "|:-|:-|-:|-:|",
        "|10|true|44.06|46|",
        "|9|false||3|",
      ].join("\n"),
    );
  });

  it("takes a polars frame with a PRONAC text column, one column per field", () => {
    const df = pl.DataFrame({ PRONAC: ["000014", "14"], valor: [1, 2], is_outlier: [false, true] });
    const { result } = publishBundle("m", df, { tolerance, dataDir: "d" });
    expect(result.projects).toEqual({ "000014": { is_outlier: false, valor: 1 }, "14": { is_outlier: true, valor: 2 } });
  });

  it("refuses a numeric PRONAC column", () => {
    const df = pl.DataFrame({ PRONAC: [14, 15], valor: [1, 2] });
    expect(() => publishBundle("m", df, { tolerance, dataDir: "d" })).toThrow(/column PRONAC must be text/);
  });

  it("refuses a PRONAC that appears twice", () => {
    const df = pl.DataFrame({ pronac: ["1", "1"], valor: [1, 2] });
    expect(() => publishBundle("m", df, { tolerance, dataDir: "d" })).toThrow('publish("m"): PRONAC "1" appears twice');
  });

  it("names the project and field of a value that is not finite", () => {
    expect(() => publishBundle("m", { "7": { valor: NaN } }, { tolerance, dataDir: "d" })).toThrow(
      'publish("m"): project "7" field "valor" is NaN; expected a finite number',
    );
  });

  it("names the path of a bad value inside a list detail", () => {
    const perProject = { "7": { lista: [{ nome: "a", valor: Infinity }] } };
    expect(() => publishBundle("m", perProject, { tolerance, dataDir: "d" })).toThrow('project "7" field "lista"[0].valor is Infinity');
  });

  it("refuses dates, field names that are not identifiers, and a bad metric id", () => {
    expect(() => publishBundle("m", { "7": { dia: new Date(0) } }, { tolerance, dataDir: "d" })).toThrow(/field "dia" is a Date/);
    expect(() => publishBundle("m", { "7": { "valor total": 1 } }, { tolerance, dataDir: "d" })).toThrow(/"valor total" is not an identifier/);
    expect(() => publishBundle("Itens", { "7": { valor: 1 } }, { tolerance, dataDir: "d" })).toThrow(/metric must be a lower-case id/);
  });

  it("requires a tolerance with abs and rel", () => {
    expect(() => publishBundle("m", { "7": { valor: 1 } }, { tolerance: { abs: 1 } as never, dataDir: "d" })).toThrow(/tolerance must be \{abs, rel\}/);
  });

  it("writes -0 as 0 and sorts keys of nested details", () => {
    const { result } = publishBundle("m", { "7": { valor: -0, d: { b: 1, a: 2 } } }, { tolerance, dataDir: "d" });
    expect(Object.is(result.projects["7"]!["valor"], 0)).toBe(true);
    expect(Object.keys(result.projects["7"]!["d"] as object)).toEqual(["a", "b"]);
  });
});

describe("canonicalDataDir", () => {
  it("keeps relative paths relative with forward slashes and no trailing slash", () => {
    expect(canonicalDataDir("../data-samples/")).toBe("../data-samples");
    expect(canonicalDataDir("..\\data-samples")).toBe("../data-samples");
    expect(canonicalDataDir("./x/../data-samples")).toBe("data-samples");
    expect(canonicalDataDir("/tmp/d/")).toBe("/tmp/d");
  });
});

describe("resultProblems", () => {
  const good = { metric: "m", tolerance: { abs: 0, rel: 1e-9 }, data_dir: "../d", projects: { "1": { valor: 1 } } };

  it("finds nothing wrong with a well-formed payload", () => {
    expect(resultProblems(good)).toEqual([]);
  });

  it("reports a tolerance without rel, an unknown key, a non-canonical data_dir and empty projects", () => {
    expect(resultProblems({ ...good, tolerance: { abs: 0 } })).toEqual(['tolerance must be {abs, rel} with finite non-negative numbers, got {"abs":0}']);
    expect(resultProblems({ ...good, extra: 1 })).toEqual(["unexpected result keys: extra"]);
    expect(resultProblems({ ...good, data_dir: "../d/" })).toEqual(['data_dir "../d/" is not canonical (expected "../d")']);
    expect(resultProblems({ ...good, projects: {} })).toEqual(["projects is empty"]);
  });

  it("reports a project without fields", () => {
    expect(resultProblems({ ...good, projects: { "1": {} } })).toEqual(['project "1" has no fields']);
  });
});
