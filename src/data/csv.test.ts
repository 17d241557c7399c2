import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError } from "./errors.js";
import type { TableName } from "./schema.js";
import { readTable } from "./table.js";

const dir = mkdtempSync(join(tmpdir(), "salic-csv-"));

/** Writes `<table>.csv` (in a fresh folder) and reads it back. */
function read(table: TableName, content: string | Buffer) {
  const file = join(mkdtempSync(join(dir, "t-")), `${table}.csv`);
  writeFileSync(file, content);
  return readTable(file, table);
}

/** The DataError reading `content` throws. */
function failure(table: TableName, content: string | Buffer): DataError {
  try {
    read(table, content);
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error("expected a DataError");
}

const dtypes = (df: { schema: Record<string, unknown> }) =>
  Object.fromEntries(Object.entries(df.schema).map(([k, v]) => [k, String(v)]));

const ORC_HEADER =
  "idPronac,PRONAC,Item,idPlanilhaItens,VlUnitarioAprovado,VlTotalAprovado,UfItem,idSegmento,idProduto,DataProjeto,cdEtapa,cdCidade";
const COMP_HEADER =
  "PRONAC,idPlanilhaAprovacao,idPlanilhaItem,Item,idSegmento,vlComprovacao,idComprovantePagamento,nrCNPJCPF,nmFornecedor,tpFormaDePagamento";

describe("readTable (CSV): dtypes", () => {
  it("parses required int, number and datetime columns; required strings stay Utf8", () => {
    const df = read(
      "planilha_orcamentaria",
      `${ORC_HEADER}\n501,000014,Cachê,1004,10.50,21.00,SP,11,0,2019-03-31,1,355030\n`,
    );
    expect(dtypes(df)).toEqual({
      idPronac: "DataType(Int64)",
      PRONAC: "DataType(String)",
      Item: "DataType(String)",
      idPlanilhaItens: "DataType(Int64)",
      VlUnitarioAprovado: "DataType(Float64)",
      VlTotalAprovado: "DataType(Float64)",
      UfItem: "DataType(String)",
      idSegmento: "DataType(String)",
      idProduto: "DataType(Int64)",
      DataProjeto: "DataType(Datetime(ms,))",
      cdEtapa: "DataType(Int64)",
      cdCidade: "DataType(Int64)",
    });
    expect(df.toRecords()).toEqual([
      {
        idPronac: 501,
        PRONAC: "000014",
        Item: "Cachê",
        idPlanilhaItens: 1004,
        VlUnitarioAprovado: 10.5,
        VlTotalAprovado: 21,
        UfItem: "SP",
        idSegmento: "11",
        idProduto: 0,
        DataProjeto: new Date("2019-03-31T00:00:00.000Z"),
        cdEtapa: 1,
        cdCidade: 355030,
      },
    ]);
  });

  it('keeps PRONAC "000014" and "14" as two distinct strings', () => {
    const df = read("planilha_captacao", "Pronac,Segmento,CaptacaoReal\n000014,11,1\n14,11,2\n");
    expect(df.getColumn("Pronac").toArray()).toEqual(["000014", "14"]);
  });

  it("round-trips 19-digit and negative hashed tax ids digit for digit", () => {
    const df = read(
      "planilha_projetos",
      "PRONAC,Segmento,NomeProjeto,CgcCpf\n1,11,A,-8571903399542239214\n2,11,B,1234567890123456789\n3,11,C,00012345678901\n",
    );
    expect(df.getColumn("CgcCpf").toArray()).toEqual(["-8571903399542239214", "1234567890123456789", "00012345678901"]);
  });

  it('reads the int "12.0" as 12', () => {
    const df = read("planilha_comprovacao", `${COMP_HEADER}\n1,12.0,7.00,X,11,1.5,3,9,F,1\n`);
    expect(df.select("idPlanilhaAprovacao", "idPlanilhaItem").toRecords()).toEqual([{ idPlanilhaAprovacao: 12, idPlanilhaItem: 7 }]);
  });

  it("keeps money with three decimals exactly as written", () => {
    const df = read("planilha_captacao", "Pronac,Segmento,CaptacaoReal\n1,11,10.125\n2,11,0.001\n3,11,-3.5\n");
    expect(df.getColumn("CaptacaoReal").toArray()).toEqual([10.125, 0.001, -3.5]);
  });

  it("parses dates with and without a time", () => {
    const df = read(
      "planilha_orcamentaria",
      `${ORC_HEADER}\n1,1,I,1,1,1,SP,11,0,2019-03-31 14:05:09,1,1\n1,1,I,1,1,1,SP,11,0,2019-03-31T14:05:09.250,1,1\n1,1,I,1,1,1,SP,11,0,2020-02-29,1,1\n`,
    );
    expect(df.getColumn("DataProjeto").toArray()).toEqual([
      new Date("2019-03-31T14:05:09.000Z"),
      new Date("2019-03-31T14:05:09.250Z"),
      new Date("2020-02-29T00:00:00.000Z"),
    ]);
  });

  it("drops columns the schema does not declare and orders the rest as the schema does", () => {
    const df = read("planilha_captacao", "CaptacaoReal,Extra,Segmento,Pronac,Unnamed: 0\n5,x,11,1,0\n");
    expect(df.columns).toEqual(["Pronac", "Segmento", "CaptacaoReal"]);
  });

  it("keeps optional columns as text, even those the spec types as numbers or dates", () => {
    const df = read("planilha_captacao", "Idcaptacao,Pronac,Segmento,CaptacaoReal,CaptacaoUfir,DtRecibo\n0042,1,11,5,12.50,31/03/2019\n");
    expect(dtypes(df)).toEqual({
      Idcaptacao: "DataType(String)",
      Pronac: "DataType(String)",
      Segmento: "DataType(String)",
      DtRecibo: "DataType(String)",
      CaptacaoReal: "DataType(Float64)",
      CaptacaoUfir: "DataType(String)",
    });
    expect(df.toRecords()).toEqual([
      { Idcaptacao: "0042", Pronac: "1", Segmento: "11", DtRecibo: "31/03/2019", CaptacaoReal: 5, CaptacaoUfir: "12.50" },
    ]);
  });

  it('reads empty fields, quoted ("") or not, as null', () => {
    const df = read("planilha_comprovacao", `${COMP_HEADER}\n1,2,3,X,11,,,"",,""\n`);
    expect(df.toRecords()).toEqual([
      {
        PRONAC: "1",
        idPlanilhaAprovacao: 2,
        idPlanilhaItem: 3,
        Item: "X",
        idSegmento: "11",
        vlComprovacao: null,
        idComprovantePagamento: null,
        nrCNPJCPF: null,
        nmFornecedor: null,
        tpFormaDePagamento: null,
      },
    ]);
  });

  it("reads a header-only file as an empty frame with the schema's dtypes", () => {
    const df = read("planilha_orcamentaria", `${ORC_HEADER},QtDias\n`);
    expect(df.height).toBe(0);
    expect(dtypes(df)).toEqual({
      idPronac: "DataType(Int64)",
      PRONAC: "DataType(String)",
      Item: "DataType(String)",
      idPlanilhaItens: "DataType(Int64)",
      QtDias: "DataType(String)",
      VlUnitarioAprovado: "DataType(Float64)",
      VlTotalAprovado: "DataType(Float64)",
      UfItem: "DataType(String)",
      idSegmento: "DataType(String)",
      idProduto: "DataType(Int64)",
      DataProjeto: "DataType(Datetime(ms,))",
      cdEtapa: "DataType(Int64)",
      cdCidade: "DataType(Int64)",
    });
  });

  it("reads quoted fields with commas, doubled quotes and line breaks, a BOM and CRLF line ends", () => {
    const df = read("planilha_projetos", '\uFEFFPRONAC,Segmento,NomeProjeto,CgcCpf\r\n1,11,"Festa, ""boa""\r\nsegunda linha",9\r\n2,4B,B,8\r\n\r\n');
    expect(df.toRecords()).toEqual([
      { PRONAC: "1", Segmento: "11", NomeProjeto: 'Festa, "boa"\r\nsegunda linha', CgcCpf: "9" },
      { PRONAC: "2", Segmento: "4B", NomeProjeto: "B", CgcCpf: "8" },
    ]);
  });
});

describe("readTable (CSV): errors", () => {
  it("names file, physical line, column and value for a bad number, after a multi-line record", () => {
    // the header is line 1; the first record's quoted Item spans lines 2-3; the bad record starts on line 4
    const content = `${COMP_HEADER}\n1,2,3,"Cachê\nartista",11,10.50,4,9,F,1\n1,2,3,Som,11,"12,50",5,9,F,1\n`;
    const error = failure("planilha_comprovacao", content);
    expect(error.message).toBe(
      'planilha_comprovacao.csv, line 4, column vlComprovacao: "12,50" is not a number (expected digits with "." as decimal point, e.g. 12.50)',
    );
    expect([error.line, error.column, error.value]).toEqual([4, "vlComprovacao", "12,50"]);
    expect(error.file.endsWith("planilha_comprovacao.csv")).toBe(true);
  });

  it("names the line of a bad int", () => {
    const content = `${COMP_HEADER}\n1,2,3,"Cachê\nartista",11,1.00,4,9,F,1\n1,2,3,Som,11,1.00,5,9,F,1\n1,2,3,Som,11,1.00,12.5,9,F,1\n`;
    expect(failure("planilha_comprovacao", content).message).toBe(
      'planilha_comprovacao.csv, line 5, column idComprovantePagamento: "12.5" is not an integer (expected digits, e.g. 12 or 12.0)',
    );
    const abc = content.replace("12.5", "abc");
    expect(failure("planilha_comprovacao", abc).line).toBe(5);
  });

  it("names the line of a bad date", () => {
    const content = `${ORC_HEADER}\n1,1,"Item em\nduas\nlinhas",1,1,1,SP,11,0,2019-03-31,1,1\n1,1,I,1,1,1,SP,11,0,31/03/2019,1,1\n`;
    expect(failure("planilha_orcamentaria", content).message).toBe(
      'planilha_orcamentaria.csv, line 5, column DataProjeto: "31/03/2019" is not a date (expected YYYY-MM-DD, optionally with a time: YYYY-MM-DD HH:MM:SS)',
    );
  });

  it("counts lines the same with CRLF line ends and a line break inside a quoted field", () => {
    const content = 'Pronac,Segmento,CaptacaoReal\r\n1,"a\r\nb",1\r\n2,11,1\r\n3,11,1.2.3\r\n';
    expect(failure("planilha_captacao", content).message).toBe(
      'planilha_captacao.csv, line 5, column CaptacaoReal: "1.2.3" is not a number (expected digits with "." as decimal point, e.g. 12.50)',
    );
  });

  it("reports the earliest bad record when several columns have bad values", () => {
    const content = `Pronac,Segmento,CaptacaoReal\n1,11,1\n2,11,x\n3,11,y\n`;
    expect(failure("planilha_captacao", content).line).toBe(3);
  });

  it("names a missing required column", () => {
    const header = ORC_HEADER.replace(",VlTotalAprovado", "");
    const error = failure("planilha_orcamentaria", `${header}\n`);
    expect(error.message).toBe('planilha_orcamentaria.csv: missing column "VlTotalAprovado" (a metric reads it)');
    expect(error.column).toBe("VlTotalAprovado");
  });

  it("names every missing required column, with a hint for a near miss", () => {
    expect(failure("planilha_captacao", "pronac ,CaptacaoReal\n").message).toBe(
      'planilha_captacao.csv: missing columns "Pronac", "Segmento" (metrics read them); the header has "pronac "',
    );
  });

  it("rejects a required column named twice", () => {
    expect(failure("planilha_captacao", "Pronac,Segmento,CaptacaoReal,Pronac\n1,11,1,2\n").message).toBe(
      'planilha_captacao.csv: column "Pronac" appears more than once in the header',
    );
  });

  it("names the line of a record with too many fields", () => {
    const content = 'Pronac,Segmento,CaptacaoReal\n1,"a\nb",1\n2,11,1,\n';
    expect(failure("planilha_captacao", content).message).toBe(
      "planilha_captacao.csv, line 4: malformed CSV: the record has 4 fields, the header has 3",
    );
  });

  it("names the line of a record with too few fields, even when the missing field would be empty", () => {
    const content = 'Pronac,Segmento,CaptacaoReal,logon\n1,"a\nb",1,\n2,11,1,\n3,11\n';
    expect(failure("planilha_captacao", content).message).toBe(
      "planilha_captacao.csv, line 5: malformed CSV: the record has 2 fields, the header has 4",
    );
    const emptyLast = 'Pronac,Segmento,CaptacaoReal,logon\n1,"a\nb",1,\n2,11,,\n3,,\n';
    expect(failure("planilha_captacao", emptyLast).message).toBe(
      "planilha_captacao.csv, line 5: malformed CSV: the record has 3 fields, the header has 4",
    );
  });

  it("names a blank line inside the data", () => {
    expect(failure("planilha_captacao", "Pronac,Segmento,CaptacaoReal\n1,11,1\n\n2,11,1\n").message).toBe(
      "planilha_captacao.csv, line 3: malformed CSV: blank line (the header has 3 fields)",
    );
  });

  it("names the line of a quoted field that never closes", () => {
    expect(failure("planilha_captacao", 'Pronac,Segmento,CaptacaoReal\n1,11,1\n2,"11,1\n3,11,1\n').message).toBe(
      'planilha_captacao.csv, line 3: malformed CSV: a quoted field is never closed (missing ")',
    );
  });

  it("names the line of invalid UTF-8", () => {
    const content = Buffer.concat([Buffer.from("Pronac,Segmento,CaptacaoReal\n1,11,1\n2,"), Buffer.from([0xc3, 0x28]), Buffer.from(",1\n")]);
    expect(failure("planilha_captacao", content).message).toBe(
      "planilha_captacao.csv, line 3: malformed CSV: the text is not valid UTF-8",
    );
  });

  it("rejects an empty file", () => {
    expect(failure("planilha_captacao", "").message).toBe("planilha_captacao.csv: the file is empty (expected a header row)");
  });

  it("does not trim blanks around a number", () => {
    expect(failure("planilha_captacao", "Pronac,Segmento,CaptacaoReal\n1,11, 5\n").value).toBe(" 5");
  });
});

describe("readTable (CSV): money range", () => {
  const CAPTACAO = "Pronac,Segmento,CaptacaoReal\n";
  /** planilha_captacao.csv with one row per value (the first value is on line 2). */
  const raised = (values: readonly string[]) => CAPTACAO + values.map((v, i) => `${i + 1},11,${v}\n`).join("");

  it("accepts values up to 2000000000 reais either way", () => {
    expect(read("planilha_captacao", raised(["2000000000", "-2000000000.00", "1999999999.999999"])).getColumn("CaptacaoReal").toArray()).toEqual([
      2000000000, -2000000000, 1999999999.999999,
    ]);
  });

  it("refuses a value beyond 2000000000 reais, naming file, line, column, value and the limit", () => {
    const error = failure("planilha_captacao", raised(["5", "-2000000000.01"]));
    expect(error.message).toBe(
      'planilha_captacao.csv, line 3, column CaptacaoReal: "-2000000000.01" is beyond the money range (expected at most 2,000,000,000 reais in absolute value, the largest amount read exact to the micro-real)',
    );
    expect([error.line, error.column, error.value]).toEqual([3, "CaptacaoReal", "-2000000000.01"]);
  });

  it("refuses the values that used to wrap or vanish in Int64 micro-reais (5e12, 9223372036854.78)", () => {
    expect(failure("planilha_captacao", raised(["5e12", "5e12"])).message).toBe(
      'planilha_captacao.csv, line 2, column CaptacaoReal: "5e12" is beyond the money range (expected at most 2,000,000,000 reais in absolute value, the largest amount read exact to the micro-real)',
    );
    expect(failure("planilha_captacao", raised(["1", "9223372036854.78"])).line).toBe(3);
  });

  it("refuses a column whose absolute values add up to more than 4,000,000,000,000 reais, at the line that crosses", () => {
    // 2000 values of ±2·10^9 reach the limit exactly (their sum is 0); the 0.01 on line 2002 crosses it
    const swings = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? "2000000000.00" : "-2000000000.00"));
    expect(read("planilha_captacao", raised(swings)).height).toBe(2000);
    const error = failure("planilha_captacao", raised([...swings, "0.01", "7"]));
    expect(error.message).toBe(
      'planilha_captacao.csv, line 2002, column CaptacaoReal: with "0.01", the absolute values of column CaptacaoReal add up to more than 4,000,000,000,000 reais (expected at most 4,000,000,000,000 reais per money column, so that every sum of its values is exact in 64-bit micro-reais)',
    );
  });

  it("checks every money column of a table, the first bad value by line", () => {
    // line 2: unit price too large; line 3: total too large
    const content = `${ORC_HEADER}\n1,1,I,1,2500000000,1,SP,11,0,2019-03-31,1,1\n1,1,I,1,1,3000000000,SP,11,0,2019-03-31,1,1\n`;
    expect(failure("planilha_orcamentaria", content).message).toMatch(/^planilha_orcamentaria\.csv, line 2, column VlUnitarioAprovado: "2500000000" is beyond/);
    const later = content.replace(",2500000000,", ",1,");
    expect(failure("planilha_orcamentaria", later).message).toMatch(/^planilha_orcamentaria\.csv, line 3, column VlTotalAprovado: "3000000000" is beyond/);
  });
});

describe("readTable (CSV): planilha_projetos' PRONAC is unique", () => {
  const HEADER = "PRONAC,Segmento,NomeProjeto,CgcCpf\n";

  it("refuses a PRONAC on two rows, naming both lines", () => {
    const content = `${HEADER}000014,11,A,1\n14,11,B,2\n"Festa\nlonga",11,C,3\n000014,4B,D,4\n`;
    const error = failure("planilha_projetos", content);
    expect(error.message).toBe(
      'planilha_projetos.csv, line 6, column PRONAC: PRONAC "000014" is also on line 2 (expected each PRONAC once: it names one project)',
    );
    expect([error.line, error.column, error.value]).toEqual([6, "PRONAC", "000014"]);
  });

  it('keeps "14" and "000014" as two projects, and empty PRONACs are no project to repeat', () => {
    const df = read("planilha_projetos", `${HEADER}000014,11,A,1\n14,11,B,2\n,11,C,3\n,11,D,4\n`);
    expect(df.getColumn("PRONAC").toArray()).toEqual(["000014", "14", null, null]);
  });

  it("allows a PRONAC on many rows of the other tables", () => {
    expect(read("planilha_captacao", "Pronac,Segmento,CaptacaoReal\n1,11,5\n1,11,6\n").height).toBe(2);
  });
});

describe("readTable (CSV): tax ids in error messages", () => {
  it("masks a CPF in a number cell, and keeps the value as read in the error's field", () => {
    const error = failure("planilha_captacao", "Pronac,Segmento,CaptacaoReal\n1,11,123.456.789-01\n");
    expect(error.message).toBe(
      'planilha_captacao.csv, line 2, column CaptacaoReal: "***.***.789-**" is not a number (expected digits with "." as decimal point, e.g. 12.50)',
    );
    expect(error.value).toBe("123.456.789-01");
  });

  it("masks a CPF written where a PRONAC should be", () => {
    const content = "PRONAC,Segmento,NomeProjeto,CgcCpf\n123456789-01,11,A,1\n123456789-01,11,B,2\n";
    expect(failure("planilha_projetos", content).message).toBe(
      'planilha_projetos.csv, line 3, column PRONAC: PRONAC "***.***.789-**" is also on line 2 (expected each PRONAC once: it names one project)',
    );
  });

  it("masks a CNPJ in an int cell", () => {
    const content = `${COMP_HEADER}\n1,2,12.345.678/0001-90,X,11,1.5,3,9,F,1\n`;
    expect(failure("planilha_comprovacao", content).message).toBe(
      'planilha_comprovacao.csv, line 2, column idPlanilhaItem: "**.***.678/****-**" is not an integer (expected digits, e.g. 12 or 12.0)',
    );
  });
});
