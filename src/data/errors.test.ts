import { describe, expect, it } from "vitest";
import { DataError, showValue } from "./errors.js";

describe("DataError", () => {
  it("names the file by its base name, then line and column of a value, and keeps the facts as fields", () => {
    const error = new DataError({ file: "/data/x/planilha_captacao.csv", line: 7, column: "CaptacaoReal", value: "1,5" }, "bad");
    expect(error.message).toBe("planilha_captacao.csv, line 7, column CaptacaoReal: bad");
    expect(error).toMatchObject({ name: "DataError", file: "/data/x/planilha_captacao.csv", line: 7, column: "CaptacaoReal", value: "1,5" });
    expect(error).toBeInstanceOf(Error);
  });
  it("leaves the column out of the location when no line or row is known (the problem names it)", () => {
    expect(new DataError({ file: "a/t.parquet", column: "PRONAC" }, 'missing column "PRONAC"').message).toBe('t.parquet: missing column "PRONAC"');
    expect(new DataError({ file: "t.parquet", row: 3, column: "v" }, "bad").message).toBe("t.parquet, row 3, column v: bad");
  });
});

describe("showValue", () => {
  it("quotes the value as JSON so blanks and line breaks show", () => {
    expect(showValue(" 12\n")).toBe('" 12\\n"');
  });
  it("cuts a long value at 80 characters", () => {
    expect(showValue("x".repeat(100))).toBe(`"${"x".repeat(77)}..."`);
  });
});
