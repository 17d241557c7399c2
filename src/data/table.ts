import { extname } from "node:path";
import type pl from "nodejs-polars";
import { readCsv } from "./csv.js";
import { DataError } from "./errors.js";
import { readRegularFile } from "./files.js";
import { readParquet } from "./parquet.js";
import type { TableName } from "./schema.js";

/** Reads a table from bytes already in memory, by the file's extension (.csv or .parquet). */
export function decodeTable(bytes: Buffer, file: string, table: TableName): pl.DataFrame {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") return readCsv(bytes, file, table);
  if (ext === ".parquet") return readParquet(bytes, file, table);
  throw new DataError({ file }, `cannot read a "${ext}" file (expected .csv or .parquet)`);
}

function readBytes(file: string, table: TableName): Buffer {
  return readRegularFile(file, `a readable file holding table ${table}`);
}

/**
 * Reads one Salic table from a .csv or .parquet file into a polars frame with
 * the schema's dtypes: required `int` → Int64, `number` → Float64,
 * `datetime` → Datetime("ms"), `string` and every optional column → Utf8;
 * empty fields are null; columns the schema does not declare are dropped.
 * @throws DataError naming the file (and line or row, column, value) for anything malformed.
 */
export function readTable(file: string, table: TableName): pl.DataFrame {
  return decodeTable(readBytes(file, table), file, table);
}

/** {@link readTable} that also gives the bytes it read (to hash them without reading twice). */
export function readTableBytes(file: string, table: TableName): { df: pl.DataFrame; bytes: Buffer } {
  const bytes = readBytes(file, table);
  return { df: decodeTable(bytes, file, table), bytes };
}
