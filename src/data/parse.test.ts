import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { parseColumns } from "./parse.js";
import type { ColumnSpec, ColumnType } from "./schema.js";

const spec = (name: string, type: ColumnType): ColumnSpec => ({ name, type, required: true });

/** Parses one text column; returns the values or the bad one. */
function parse(type: ColumnType, values: (string | null)[]) {
  const df = pl.DataFrame({ v: pl.Series("v", values, pl.Utf8) });
  const parsed = parseColumns(df, [spec("v", type)]);
  return parsed.df ? { values: parsed.df.getColumn("v").toArray(), dtype: String(parsed.df.getColumn("v").dtype) } : { bad: parsed.bad };
}

describe("parseColumns: int", () => {
  it("reads digits with an optional sign, and a zero fraction (12.0) as the same integer", () => {
    expect(parse("int", ["12", "-7", "+3", "12.0", "40.00", "5.", "0.0", null])).toEqual({
      values: [12, -7, 3, 12, 40, 5, 0, null],
      dtype: "DataType(Int64)",
    });
  });
  it.each([["12.5"], ["abc"], ["1e3"], [" 12"], ["12,0"], ["1.0.0"], ["12.."], [".0"], ["9223372036854775808"]])(
    "rejects %j",
    (value) => {
      expect(parse("int", ["1", value])).toEqual({ bad: { row: 1, column: "v", value, type: "int" } });
    },
  );
});

describe("parseColumns: number", () => {
  it('reads "." decimals, exponents and more than two decimals', () => {
    expect(parse("number", ["-12.345", "1e3", "1.5E-4", ".5", "10.125", "0.1", null])).toEqual({
      values: [-12.345, 1000, 0.00015, 0.5, 10.125, 0.1, null],
      dtype: "DataType(Float64)",
    });
  });
  it.each([["12,50"], ["1.000,00"], ["inf"], ["NaN"], ["R$ 10"], ["12 "], ["1e400"]])("rejects %j", (value) => {
    expect(parse("number", [value, "1"])).toEqual({ bad: { row: 0, column: "v", value, type: "number" } });
  });
});

describe("parseColumns: datetime", () => {
  const ms = (iso: string) => new Date(iso);
  it("reads YYYY-MM-DD, with an optional time after a blank or T, to the millisecond", () => {
    expect(
      parse("datetime", ["2019-03-31", "2019-03-31 14:05:09", "2019-03-31T14:05:09", "2019-03-31 14:05:09.25", "2019-03-31 14:05:09.123456", null]),
    ).toEqual({
      values: [
        ms("2019-03-31T00:00:00.000Z"),
        ms("2019-03-31T14:05:09.000Z"),
        ms("2019-03-31T14:05:09.000Z"),
        ms("2019-03-31T14:05:09.250Z"),
        ms("2019-03-31T14:05:09.123Z"),
        null,
      ],
      dtype: "DataType(Datetime(ms,))",
    });
  });
  it("parses a column of repeated dates (parsed once per distinct value) the same way", () => {
    const values = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? null : i % 2 === 0 ? "2018-01-02" : "2020-12-31 23:59:59"));
    const result = parse("datetime", values);
    expect(result.values?.slice(0, 4)).toEqual([null, ms("2020-12-31T23:59:59.000Z"), ms("2018-01-02T00:00:00.000Z"), null]);
    expect(result.values?.filter((v) => v === null)).toHaveLength(14);
  });
  it("names a bad value in a column of repeated dates by its first row", () => {
    const values = Array.from({ length: 40 }, (_, i) => (i === 33 || i === 37 ? "31/03/2019" : "2019-03-31"));
    expect(parse("datetime", values)).toEqual({ bad: { row: 33, column: "v", value: "31/03/2019", type: "datetime" } });
  });
  it.each([["31/03/2019"], ["2019-02-30"], ["2019-3-31"], ["2019-03-31 25:00:00"], ["2019-03-31Z"], ["2019-03-31 14:05"], ["2019-03-31T14:05:09+03:00"]])(
    "rejects %j",
    (value) => {
      expect(parse("datetime", [value])).toEqual({ bad: { row: 0, column: "v", value, type: "datetime" } });
    },
  );
});

describe("parseColumns", () => {
  it("reports the lowest bad row across columns", () => {
    const df = pl.DataFrame({ a: ["1", "2", "x"], b: ["1.5", "y", "2"] });
    const parsed = parseColumns(df, [spec("a", "int"), spec("b", "number")]);
    expect(parsed.bad).toEqual({ row: 1, column: "b", value: "y", type: "number" });
  });
  it("leaves string columns and columns not listed as they are", () => {
    const df = pl.DataFrame({ id: ["000014"], n: ["7"], other: ["12.0"] });
    const parsed = parseColumns(df, [spec("id", "string"), spec("n", "int")]);
    expect(parsed.df?.toRecords()).toEqual([{ id: "000014", n: 7, other: "12.0" }]);
  });
});
