import { extname } from "node:path";
import type pl from "nodejs-polars";
import { readCsv, readCsvFile, type ColumnSelection } from "./csv.js";
import { DataError } from "./errors.js";
import { readFileRange, readRegularFile } from "./files.js";
import { readParquet } from "./parquet.js";
import { SCHEMA, type TableName } from "./schema.js";

/** The frame without its optional columns, when only the required ones are asked for. */
function requiredOnly(df: pl.DataFrame, table: TableName, selection: ColumnSelection): pl.DataFrame {
  if (selection === "all") return df;
  const required = new Set(SCHEMA[table].filter((c) => c.required).map((c) => c.name));
  return df.select(...df.columns.filter((name) => required.has(name)));
}

/** Reads a table from bytes already in memory, by the file's extension (.csv or .parquet). */
export function decodeTable(bytes: Buffer, file: string, table: TableName, selection: ColumnSelection = "all"): pl.DataFrame {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") return readCsv(bytes, file, table, selection);
  if (ext === ".parquet") return requiredOnly(readParquet(bytes, file, table), table, selection);
  throw new DataError({ file }, `cannot read a "${ext}" file (expected .csv or .parquet)`);
}

const holding = (table: TableName) => `a readable file holding table ${table}`;

function readBytes(file: string, table: TableName): Buffer {
  return readRegularFile(file, holding(table));
}

/** Options of {@link readTable}. */
export interface ReadTableOptions {
  /**
   * "all" (default) keeps every declared column; "required" only those a
   * metric or the service reads (what scoring needs: the frames take less memory).
   */
  columns?: ColumnSelection;
}

/**
 * Reads one Salic table from a .csv or .parquet file into a polars frame with
 * the schema's dtypes: required `int` → Int64, `number` → Float64,
 * `datetime` → Datetime("ms"), `string` and every optional column → Utf8;
 * empty fields are null; columns the schema does not declare are dropped.
 * @throws DataError naming the file (and line or row, column, value) for anything malformed.
 */
export function readTable(file: string, table: TableName, options: ReadTableOptions = {}): pl.DataFrame {
  const selection = options.columns ?? "all";
  // polars takes a string for a path only when it ends in ".csv" exactly (else for CSV text)
  if (extname(file) === ".csv") {
    const tail = readFileRange(file, -3, 3, holding(table));
    return readCsvFile(file, table, selection, () => readBytes(file, table), tail);
  }
  return decodeTable(readBytes(file, table), file, table, selection);
}

/** {@link readTable} that also gives the bytes it read (to hash them without reading twice). */
export function readTableBytes(file: string, table: TableName, options: ReadTableOptions = {}): { df: pl.DataFrame; bytes: Buffer } {
  const bytes = readBytes(file, table);
  return { df: decodeTable(bytes, file, table, options.columns ?? "all"), bytes };
}
