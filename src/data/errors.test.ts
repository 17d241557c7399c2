import { inspect } from "node:util";
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

describe("DataError: tax ids", () => {
  it("masks a CPF or CNPJ that the message echoes, and keeps the value as read for programs", () => {
    const error = new DataError({ file: "t.csv", line: 2, column: "CaptacaoReal", value: "123.456.789-01" }, '"123.456.789-01" is not a number');
    expect(error.message).toBe('t.csv, line 2, column CaptacaoReal: "***.***.789-**" is not a number');
    expect(error.value).toBe("123.456.789-01");
    expect(new DataError({ file: "t.csv" }, "(the row with PRONAC 12345678/0001-90)").message).toBe("t.csv: (the row with PRONAC **.***.678/****-**)");
  });

  it("leaves the unmasked value out of what logging the error prints", () => {
    const error = new DataError({ file: "t.csv", line: 2, column: "CgcCpf", value: "12345678901" }, "bad");
    expect(inspect(error)).not.toContain("12345678901");
    expect(JSON.stringify(error)).toBe('{"file":"t.csv","line":2,"column":"CgcCpf","name":"DataError"}');
  });

  it("leaves ordinary values alone", () => {
    expect(new DataError({ file: "t.csv", line: 3, column: "Pronac", value: "000014" }, '"000014", "1234567.89"').message).toBe(
      't.csv, line 3, column Pronac: "000014", "1234567.89"',
    );
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
