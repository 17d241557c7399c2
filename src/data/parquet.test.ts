import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { DataError } from "./errors.js";
import type { TableName } from "./schema.js";
import { readTable } from "./table.js";

const dir = mkdtempSync(join(tmpdir(), "salic-parquet-"));

/** Writes `df` as `<table>.parquet` (in a fresh folder) and reads it back. */
function roundTrip(table: TableName, df: pl.DataFrame) {
  const file = join(mkdtempSync(join(dir, "t-")), `${table}.parquet`);
  df.writeParquet(file);
  return readTable(file, table);
}

function failure(table: TableName, df: pl.DataFrame): DataError {
  try {
    roundTrip(table, df);
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error("expected a DataError");
}

const dtypes = (df: pl.DataFrame) => Object.fromEntries(Object.entries(df.schema).map(([k, v]) => [k, String(v)]));

/** A planilha_comprovacao frame with its required columns; `overrides` replace columns by name. */
const receipts = (overrides: Record<string, pl.Series> = {}) => {
  const columns: Record<string, pl.Series> = {
    PRONAC: pl.Series("PRONAC", ["000014", "14"]),
    idPlanilhaAprovacao: pl.Series("idPlanilhaAprovacao", [1, 2], pl.Int32),
    idPlanilhaItem: pl.Series("idPlanilhaItem", [3, 4], pl.Int64),
    Item: pl.Series("Item", ["Som", "Luz"]),
    idSegmento: pl.Series("idSegmento", ["11", "4B"]),
    vlComprovacao: pl.Series("vlComprovacao", [10.125, 0.1]),
    idComprovantePagamento: pl.Series("idComprovantePagamento", [7, 8], pl.Int64),
    nrCNPJCPF: pl.Series("nrCNPJCPF", ["-8571903399542239214", "1234567890123456789"]),
    nmFornecedor: pl.Series("nmFornecedor", ["A", "B"]),
    tpFormaDePagamento: pl.Series("tpFormaDePagamento", ["1", "2"]),
  };
  return pl.DataFrame(Object.values({ ...columns, ...overrides }));
};

describe("readTable (Parquet)", () => {
  it("round-trips typed columns to the same dtypes and values the CSV reader gives", () => {
    const df = roundTrip("planilha_comprovacao", receipts());
    expect(dtypes(df)).toEqual({
      PRONAC: "DataType(String)",
      idPlanilhaAprovacao: "DataType(Int64)",
      idPlanilhaItem: "DataType(Int64)",
      Item: "DataType(String)",
      idSegmento: "DataType(String)",
      vlComprovacao: "DataType(Float64)",
      idComprovantePagamento: "DataType(Int64)",
      nrCNPJCPF: "DataType(String)",
      nmFornecedor: "DataType(String)",
      tpFormaDePagamento: "DataType(String)",
    });
    expect(df.toRecords()).toEqual([
      { PRONAC: "000014", idPlanilhaAprovacao: 1, idPlanilhaItem: 3, Item: "Som", idSegmento: "11", vlComprovacao: 10.125,
        idComprovantePagamento: 7, nrCNPJCPF: "-8571903399542239214", nmFornecedor: "A", tpFormaDePagamento: "1" },
      { PRONAC: "14", idPlanilhaAprovacao: 2, idPlanilhaItem: 4, Item: "Luz", idSegmento: "4B", vlComprovacao: 0.1,
        idComprovantePagamento: 8, nrCNPJCPF: "1234567890123456789", nmFornecedor: "B", tpFormaDePagamento: "2" },
    ]);
  });

  it("parses text columns as CSV text is parsed ('12.0' is an int, '' is null)", () => {
    const df = roundTrip(
      "planilha_comprovacao",
      receipts({ idComprovantePagamento: pl.Series("idComprovantePagamento", ["12.0", ""]), vlComprovacao: pl.Series("vlComprovacao", ["1e3", "-0.5"]) }),
    );
    expect(df.getColumn("idComprovantePagamento").toArray()).toEqual([12, null]);
    expect(df.getColumn("vlComprovacao").toArray()).toEqual([1000, -0.5]);
  });

  it("reads integral floats in an int column as integers, and dates and nanosecond datetimes as Datetime(ms)", () => {
    const base = pl.DataFrame({
      idPronac: [1.0, 2.0], PRONAC: ["1", "2"], Item: ["I", "J"], idPlanilhaItens: [5, 6], VlUnitarioAprovado: [1, 2],
      VlTotalAprovado: pl.Series("VlTotalAprovado", [3, 4], pl.Int32), UfItem: ["SP", "RJ"], idSegmento: ["11", "11"],
      idProduto: [0, 1], cdEtapa: [1, 2], cdCidade: [3, 4],
      DataProjeto: pl.Series("DataProjeto", [new Date("2019-03-31T14:05:09.250Z"), new Date("2020-02-29T00:00:00.000Z")]),
    });
    const ns = roundTrip("planilha_orcamentaria", base.withColumns(pl.col("DataProjeto").cast(pl.Datetime("ns"))));
    expect(String(ns.getColumn("DataProjeto").dtype)).toBe("DataType(Datetime(ms,))");
    expect(ns.getColumn("DataProjeto").toArray()).toEqual([new Date("2019-03-31T14:05:09.250Z"), new Date("2020-02-29T00:00:00.000Z")]);
    expect(ns.getColumn("idPronac").toArray()).toEqual([1, 2]);
    expect(String(ns.getColumn("idPronac").dtype)).toBe("DataType(Int64)");
    expect(ns.getColumn("VlTotalAprovado").toArray()).toEqual([3, 4]);
    const date = roundTrip("planilha_orcamentaria", base.withColumns(pl.col("DataProjeto").cast(pl.Date)));
    expect(date.getColumn("DataProjeto").toArray()).toEqual([new Date("2019-03-31T00:00:00.000Z"), new Date("2020-02-29T00:00:00.000Z")]);
  });

  it("keeps optional columns as text and drops undeclared ones", () => {
    const df = roundTrip(
      "planilha_captacao",
      pl.DataFrame({ Idcaptacao: pl.Series("Idcaptacao", [42], pl.Int64), Pronac: ["1"], Segmento: ["11"], CaptacaoReal: [5.5], CaptacaoUfir: [1.5], extra: ["x"] }),
    );
    expect(df.toRecords()).toEqual([{ Idcaptacao: "42", Pronac: "1", Segmento: "11", CaptacaoReal: 5.5, CaptacaoUfir: "1.5" }]);
  });

  it("rejects a required datetime with a time zone, but keeps an optional one as text", () => {
    const utc = pl.Series("DtRecibo", [new Date("2019-03-31T14:05:09.000Z")]);
    const df = roundTrip(
      "planilha_captacao",
      pl.DataFrame({ Pronac: ["1"], Segmento: ["11"], CaptacaoReal: [1], DtRecibo: utc }).withColumns(pl.col("DtRecibo").dt.replaceTimeZone("UTC")),
    );
    expect(df.getColumn("DtRecibo").toArray()).toEqual(["2019-03-31 14:05:09.000+00:00"]);
    const orc = pl.DataFrame({
      idPronac: [1], PRONAC: ["1"], Item: ["I"], idPlanilhaItens: [5], VlUnitarioAprovado: [1], VlTotalAprovado: [3], UfItem: ["SP"],
      idSegmento: ["11"], idProduto: [0], cdEtapa: [1], cdCidade: [3], DataProjeto: pl.Series("DataProjeto", [new Date(0)]),
    }).withColumns(pl.col("DataProjeto").dt.replaceTimeZone("UTC"));
    expect(failure("planilha_orcamentaria", orc).message).toBe(
      'planilha_orcamentaria.parquet: column "DataProjeto" is stored as Datetime; expected dates without a time zone',
    );
  });

  it("rejects an identifier stored as a number, naming file and column", () => {
    const error = failure("planilha_projetos", pl.DataFrame({ PRONAC: pl.Series("PRONAC", [14], pl.Int64), Segmento: ["11"], NomeProjeto: ["A"], CgcCpf: ["1"] }));
    expect(error.message).toBe(
      'planilha_projetos.parquet: column "PRONAC" is stored as Int64; expected text (identifiers are kept as strings, so "000014" keeps its zeros)',
    );
    expect(error.column).toBe("PRONAC");
  });

  it("names the row of a fractional value in an int column", () => {
    const error = failure("planilha_comprovacao", receipts({ idComprovantePagamento: pl.Series("idComprovantePagamento", [7, 12.5]) }));
    expect(error.message).toBe(
      'planilha_comprovacao.parquet, row 2, column idComprovantePagamento: "12.5" is not an integer (expected digits, e.g. 12 or 12.0)',
    );
    expect([error.row, error.line]).toEqual([2, undefined]);
  });

  it("keeps an integer beyond Int64 digit for digit, masked in the message as a possible hashed tax id", () => {
    const wide = pl.Series("idComprovantePagamento", [7n, 18446744073709551615n]);
    const error = failure("planilha_comprovacao", receipts({ idComprovantePagamento: wide }));
    expect(error.message).toBe(
      'planilha_comprovacao.parquet, row 2, column idComprovantePagamento: "***073***" is not an integer (expected digits, e.g. 12 or 12.0)',
    );
    expect(error.value).toBe("18446744073709551615");
  });

  it("names the row of text that is not a number", () => {
    const error = failure("planilha_comprovacao", receipts({ vlComprovacao: pl.Series("vlComprovacao", ["1.00", "12,50"]) }));
    expect(error.message).toBe(
      'planilha_comprovacao.parquet, row 2, column vlComprovacao: "12,50" is not a number (expected digits with "." as decimal point, e.g. 12.50)',
    );
  });

  it("rejects NaN and infinite money", () => {
    const error = failure("planilha_captacao", pl.DataFrame({ Pronac: ["1", "2"], Segmento: ["11", "11"], CaptacaoReal: [1, Number.POSITIVE_INFINITY] }));
    expect(error.message).toBe(
      'planilha_captacao.parquet, row 2, column CaptacaoReal: "Infinity" is not a number (expected digits with "." as decimal point, e.g. 12.50)',
    );
  });

  it("names a missing required column as the CSV reader does", () => {
    expect(failure("planilha_captacao", pl.DataFrame({ Pronac: ["1"], Segmento: ["11"] })).message).toBe(
      'planilha_captacao.parquet: missing column "CaptacaoReal" (a metric reads it)',
    );
  });

  it("rejects a file that is not Parquet", () => {
    const file = join(mkdtempSync(join(dir, "t-")), "planilha_captacao.parquet");
    writeFileSync(file, "Pronac,Segmento\n");
    expect(() => readTable(file, "planilha_captacao")).toThrow(/^planilha_captacao\.parquet: not a readable Parquet file \(/);
  });
});

describe("readTable (Parquet): money range", () => {
  const raised = (values: pl.Series) =>
    pl.DataFrame([pl.Series("Pronac", values.toArray().map((_, i) => String(i + 1))), pl.Series("Segmento", values.toArray().map(() => "11")), values.rename("CaptacaoReal")]);

  it("refuses a float, integer or text value beyond 2000000000 reais, naming the row", () => {
    const limit = "(expected at most 2,000,000,000 reais in absolute value, the largest amount read exact to the micro-real)";
    expect(failure("planilha_captacao", raised(pl.Series([1, 5000000000.5]))).message).toBe(
      `planilha_captacao.parquet, row 2, column CaptacaoReal: "5000000000.5" is beyond the money range ${limit}`,
    );
    // 13 digits are masked in the message as a possible tax id; the field keeps them
    expect(failure("planilha_captacao", raised(pl.Series([1, 9223372036854.78]))).value).toBe("9223372036854.78");
    expect(failure("planilha_captacao", raised(pl.Series("v", [3_000_000_000]).cast(pl.Int64))).message).toBe(
      `planilha_captacao.parquet, row 1, column CaptacaoReal: "3000000000" is beyond the money range ${limit}`,
    );
    expect(failure("planilha_captacao", raised(pl.Series(["1.00", "-2000000000.01"]))).message).toBe(
      `planilha_captacao.parquet, row 2, column CaptacaoReal: "-2000000000.01" is beyond the money range ${limit}`,
    );
  });

  it("refuses a column whose absolute values add up to more than 4,000,000,000,000 reais, at the row that crosses", () => {
    const swings = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? 2e9 : -2e9));
    expect(roundTrip("planilha_captacao", raised(pl.Series(swings))).height).toBe(2000);
    expect(failure("planilha_captacao", raised(pl.Series([...swings, 0.01, 7]))).message).toBe(
      'planilha_captacao.parquet, row 2001, column CaptacaoReal: with "0.01", the absolute values of column CaptacaoReal add up to more than 4,000,000,000,000 reais (expected at most 4,000,000,000,000 reais per money column, so that every sum of its values is exact in 64-bit micro-reais)',
    );
  });
});

describe("readTable (Parquet): planilha_projetos' PRONAC is unique", () => {
  it("refuses a PRONAC on two rows, naming both rows", () => {
    const projects = pl.DataFrame({ PRONAC: ["14", "000014", "14"], Segmento: ["11", "11", "11"], NomeProjeto: ["A", "B", "C"], CgcCpf: ["1", "2", "3"] });
    expect(failure("planilha_projetos", projects).message).toBe(
      'planilha_projetos.parquet, row 3, column PRONAC: PRONAC "14" is also on row 1 (expected each PRONAC once: it names one project)',
    );
  });
});
