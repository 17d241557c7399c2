import { to as copyTo } from "pg-copy-streams";
import type pg from "pg";
import { readCsv } from "../data/csv.js";
import { DataError } from "../data/errors.js";
import type { LoadedData } from "../data/load.js";
import { SCHEMA, TABLE_NAMES, type SalicTables, type TableName } from "../data/schema.js";
import { walkRecords } from "../data/records.js";
import { withClient } from "./connect.js";
import { ident } from "./ident.js";
import { SALIC_SCHEMA, salicTable, tableLabel } from "./schema.js";
import { maskDatabaseUrl } from "./url.js";

/** The column naming a row in messages: the table's PRONAC. */
const KEY: Readonly<Record<TableName, string>> = {
  planilha_orcamentaria: "PRONAC",
  planilha_comprovacao: "PRONAC",
  planilha_aprovacao_comprovacao: "PRONAC",
  planilha_captacao: "Pronac",
  planilha_projetos: "PRONAC",
};

/**
 * Reads the five Salic tables from schema `salic` of the database at `url`
 * into the frames the folder loaders give (same dtypes, same checks): every
 * declared column the table has is read as text (`::text`, so a value is
 * never coerced on the way) and parsed by the CSV loader, so identifiers
 * stay strings, money keeps its digits and a value that does not fit its
 * column is a DataError naming the table, the row's PRONAC, the column and
 * the value. Extra columns are ignored. A missing table is an error: a
 * Salic database has all five.
 */
export async function loadDatabase(url: string, options: { tables?: readonly TableName[] } = {}): Promise<LoadedData> {
  const wanted = TABLE_NAMES.filter((table) => (options.tables ?? TABLE_NAMES).includes(table));
  const tables: SalicTables = {};
  await withClient(url, async (client) => {
    // Rows in their physical order (a synchronised scan could start mid-table), as the import wrote them.
    await client.query("SET synchronize_seqscans = off");
    const present = await presentColumns(client, wanted);
    for (const table of wanted) {
      const columns = present.get(table);
      if (columns === undefined) throw new DataError({ file: tableLabel(table) }, `table ${tableLabel(table)} not found in ${maskDatabaseUrl(url)}`);
      const declared = SCHEMA[table].map((spec) => spec.name).filter((name) => columns.has(name));
      // The key first, so that an error's record can name it.
      const order = [KEY[table], ...declared.filter((name) => name !== KEY[table])].filter((name) => columns.has(name));
      const select = order.map((name) => `${ident(name)}::text AS ${ident(name)}`).join(", ");
      const bytes = await copyOut(client, `COPY (SELECT ${select} FROM ${salicTable(table)}) TO STDOUT WITH (FORMAT csv, HEADER)`);
      tables[table] = parseTable(bytes, table, columns.has(KEY[table]));
    }
  });
  return { dir: maskDatabaseUrl(url), tables, missing: new Map(), files: {} };
}

/** Table → its column names, for the wanted tables that exist in schema salic. */
async function presentColumns(client: pg.Client, wanted: readonly TableName[]): Promise<Map<TableName, Set<string>>> {
  const result = await client.query<{ table_name: TableName; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = ANY($2::text[])",
    [SALIC_SCHEMA, wanted],
  );
  const present = new Map<TableName, Set<string>>();
  for (const row of result.rows) {
    const set = present.get(row.table_name) ?? new Set<string>();
    set.add(row.column_name);
    present.set(row.table_name, set);
  }
  return present;
}

async function copyOut(client: pg.Client, sql: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = client.query(copyTo(sql));
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The CSV loader over an exported table; its errors re-located from the export's line to the row's key. */
function parseTable(bytes: Buffer, table: TableName, hasKey: boolean): ReturnType<typeof readCsv> {
  try {
    return readCsv(bytes, tableLabel(table), table);
  } catch (error) {
    if (!(error instanceof DataError) || error.line === undefined || !hasKey) throw error;
    const record = recordAtLine(bytes, error.line);
    if (record === undefined) throw error;
    const problem = error.message.slice(error.message.indexOf(": ") + 2);
    throw new DataError(
      { file: tableLabel(table), row: record.row, ...(error.column === undefined ? {} : { column: error.column }), ...(error.value === undefined ? {} : { value: error.value }) },
      `${problem} (the row with ${KEY[table]} ${JSON.stringify(record.key)})`,
    );
  }
}

/** The data row (1-based) starting on `line` of an export and its first field (the key, as exported). */
function recordAtLine(bytes: Buffer, line: number): { row: number; key: string } | undefined {
  let found: { row: number; key: string } | undefined;
  walkRecords(bytes, (index, at, start, end) => {
    if (at !== line) return at < line;
    found = { row: index, key: firstField(bytes.subarray(start, end).toString("utf8")) };
    return false;
  });
  return found;
}

function firstField(text: string): string {
  if (!text.startsWith('"')) return text.split(",", 1)[0]!;
  let value = "";
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        value += '"';
        i++;
      } else break;
    } else value += text[i];
  }
  return value;
}
