import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCsv, type ColumnSelection } from "./csv.js";
import { DataError } from "./errors.js";
import type { TableName } from "./schema.js";
import { readTable } from "./table.js";

/*
 * readTable reads a CSV file by its path (polars maps it) and, with
 * "required", only the columns a metric reads; readCsv reads the bytes.
 * Both must give the same frame, or the same error, on every file.
 */

const dir = mkdtempSync(join(tmpdir(), "salic-csv-file-"));

function fileOf(table: TableName, content: string | Buffer): string {
  const file = join(mkdtempSync(join(dir, "t-")), `${table}.csv`);
  writeFileSync(file, content);
  return file;
}

/** The frame's columns and rows as plain data, or the error's message. */
function outcome(read: () => { columns: string[]; toRecords(): unknown[] }): unknown {
  try {
    const df = read();
    return { columns: df.columns, rows: df.toRecords() };
  } catch (error) {
    if (error instanceof DataError) return { error: error.message };
    throw error;
  }
}

function bothWays(table: TableName, content: string | Buffer, columns: ColumnSelection) {
  const file = fileOf(table, content);
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  return {
    fromFile: outcome(() => readTable(file, table, { columns })),
    fromBytes: outcome(() => readCsv(bytes, file, table, columns)),
  };
}

// Required: Pronac, Segmento, CaptacaoReal; the rest are optional.
const HEADER = "Idcaptacao,Pronac,Segmento,CaptacaoReal,NumeroRecibo";

const CASES: Record<string, string | Buffer> = {
  "one line break at the end": `${HEADER}\n1,000014,11,10.5,R1\n2,000015,11,2,R2\n`,
  "no line break at the end": `${HEADER}\n1,000014,11,10.5,R1\n2,000015,11,2,R2`,
  "a field too many on a last line without a line break": `${HEADER}\n1,000014,11,10.5,R1\n2,000015,11,2,R2,`,
  "blank lines at the end": `${HEADER}\n1,000014,11,10.5,R1\n\n\n`,
  "CRLF line breaks": `${HEADER}\r\n1,000014,11,10.5,R1\r\n2,000015,11,2,\r\n`,
  "a byte-order mark": `\ufeff${HEADER}\n1,000014,11,10.5,R1\n`,
  "a quoted field over two lines": `${HEADER}\n1,000014,"1\n1",10.5,R1\n2,000015,11,2,R2\n`,
  "an empty last column": `${HEADER}\n1,000014,11,10.5,\n2,000015,11,2,R2\n`,
  "a record short of its last field": `${HEADER}\n1,000014,11,10.5,R1\n2,000015,11,2\n3,000016,11,2,R3\n`,
  "a record short of two fields whose last is empty": `${HEADER}\n1,000014,11,10.5,R1\n2,000015,11,\n`,
  "a record with a field too many": `${HEADER}\n1,000014,11,10.5,R1,x\n`,
  "a bad number": `${HEADER}\n1,000014,11,10.5,R1\n2,000015,11,"2,50",R2\n`,
  "a bad number after a quoted field over two lines": `${HEADER}\n1,000014,"1\n1",10.5,R1\n2,000015,11,x,R2\n`,
  "a quoted field that never closes": `${HEADER}\n1,000014,11,10.5,R1\n2,"000015,11,2,R2\n`,
  "a missing required column": "Idcaptacao,Pronac,Segmento\n1,000014,11\n",
  "only a header": `${HEADER}\n`,
  "a header name quoted over two lines": `Idcaptacao,Pronac,Segmento,CaptacaoReal,"Numero\nRecibo"\n1,000014,11,10.5,R1\n`,
  "a header whose quote never closes": `Idcaptacao,Pronac,Segmento,CaptacaoReal,"NumeroRecibo\n1,000014,11,10.5,R1\n`,
  "a header longer than the first bytes read": `${HEADER},${"x".repeat(300_000)}\n1,000014,11,10.5,R1,y\n`,
  "an empty file": "",
  "only a line break": "\n",
  "invalid UTF-8 in a required column": Buffer.concat([Buffer.from(`${HEADER}\n1,000014,`), Buffer.from([0xc3, 0x28]), Buffer.from(",1,R1\n")]),
  "invalid UTF-8 in an optional column": Buffer.concat([Buffer.from(`${HEADER}\n1,000014,11,10.5,`), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]),
};

describe("readTable (CSV) reads the file as readCsv reads its bytes", () => {
  for (const columns of ["all", "required"] as const) {
    for (const [name, content] of Object.entries(CASES)) {
      it(`${name} (${columns} columns)`, () => {
        const { fromFile, fromBytes } = bothWays("planilha_captacao", content, columns);
        expect(fromFile).toEqual(fromBytes);
      });
    }
  }
});

describe("readTable (CSV): the columns it keeps", () => {
  const content = `${HEADER}\n1,000014,11,10.5,R1\n`;

  it("keeps every declared column by default", () => {
    expect(readTable(fileOf("planilha_captacao", content), "planilha_captacao").columns).toEqual([
      "Idcaptacao",
      "Pronac",
      "Segmento",
      "NumeroRecibo",
      "CaptacaoReal",
    ]);
  });

  it('keeps only the required columns with "required"', () => {
    const df = readTable(fileOf("planilha_captacao", content), "planilha_captacao", { columns: "required" });
    expect(df.columns).toEqual(["Pronac", "Segmento", "CaptacaoReal"]);
    expect(df.toRecords()).toEqual([{ Pronac: "000014", Segmento: "11", CaptacaoReal: 10.5 }]);
  });

  it("still finds a short record when the last column is not kept", () => {
    const short = `${HEADER}\n1,000014,11,10.5,R1\n2,000015,11,2\n`;
    expect(() => readTable(fileOf("planilha_captacao", short), "planilha_captacao", { columns: "required" })).toThrow(
      "planilha_captacao.csv, line 3: malformed CSV: the record has 4 fields, the header has 5",
    );
  });

  it("names the line of a bad value in a kept column", () => {
    const bad = `${HEADER}\n1,000014,"1\n1",10.5,R1\n2,000015,11,x,R2\n`;
    expect(() => readTable(fileOf("planilha_captacao", bad), "planilha_captacao", { columns: "required" })).toThrow(
      'planilha_captacao.csv, line 4, column CaptacaoReal: "x" is not a number',
    );
  });
});
