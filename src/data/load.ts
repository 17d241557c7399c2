import { join } from "node:path";
import { DataError } from "./errors.js";
import { hasEntry, isDirectory } from "./files.js";
import { sha256Hex } from "./hash.js";
import { TABLE_NAMES, type SalicTables, type TableName } from "./schema.js";
import type { ColumnSelection } from "./csv.js";
import { readTable, readTableBytes } from "./table.js";

/** The tables of one data directory, what is missing from it, and the hash of every file read. */
export interface LoadedData {
  /** The directory as given. */
  dir: string;
  /** Only tables whose file exists. */
  tables: SalicTables;
  /** Table → human reason it was not loaded ("planilha_captacao.csv (or .parquet) not found in DIR"). */
  missing: ReadonlyMap<TableName, string>;
  /**
   * File name (e.g. "planilha_projetos.csv") → sha256 hex of its bytes, for
   * each file read; empty when loaded with `{ hash: false }`.
   */
  files: Readonly<Record<string, string>>;
}

/** What {@link loadDataDir} reads and computes. */
export interface LoadOptions {
  /** Read only these tables (default: all five). */
  tables?: readonly TableName[];
  /**
   * Hash every file read into `files` (default true). Hashing costs about a
   * second at national scale; callers that never look at `files` (the score
   * job) pass false, and `files` is then empty.
   */
  hash?: boolean;
  /**
   * "all" (default) keeps every declared column; "required" only those a
   * metric or the service reads: what scoring needs, in less memory.
   */
  columns?: ColumnSelection;
}

/**
 * Reads a data directory: `<table>.csv` or `<table>.parquet` for each Salic
 * table (see `readTable` in `salic-ml/data`). A table with neither file is recorded in
 * `missing`, not an error; other files in the directory are ignored. Only a
 * name with no directory entry is an absent file: a dangling link, a link
 * loop or a directory in its place is an error.
 * @param options which tables to read, whether to hash the files (see {@link LoadOptions}).
 * @throws DataError when the directory does not exist, a table has both a
 *   .csv and a .parquet file, an unknown table is asked for, or a table's
 *   file cannot be read or is malformed.
 */
export function loadDataDir(dir: string, options?: LoadOptions): LoadedData {
  if (!isDirectory(dir)) {
    throw new DataError({ file: dir }, `data directory not found: ${dir}`);
  }
  const wanted = options?.tables ?? TABLE_NAMES;
  const hash = options?.hash ?? true;
  for (const table of wanted) {
    if (!TABLE_NAMES.includes(table)) {
      throw new DataError({ file: dir }, `unknown table "${String(table)}" (expected one of ${TABLE_NAMES.join(", ")})`);
    }
  }
  const tables: SalicTables = {};
  const missing = new Map<TableName, string>();
  const files: Record<string, string> = {};
  for (const table of TABLE_NAMES.filter((t) => wanted.includes(t))) {
    const csv = `${table}.csv`;
    const parquet = `${table}.parquet`;
    const expected = `the file of table ${table}, or no entry at all for an absent table`;
    const hasCsv = hasEntry(join(dir, csv), expected);
    const hasParquet = hasEntry(join(dir, parquet), expected);
    if (hasCsv && hasParquet) {
      throw new DataError({ file: dir }, `both ${csv} and ${parquet} are present; keep one of them`);
    }
    if (!hasCsv && !hasParquet) {
      missing.set(table, `${csv} (or .parquet) not found in ${dir}`);
      continue;
    }
    const name = hasCsv ? csv : parquet;
    const path = join(dir, name);
    const read = { columns: options?.columns ?? "all" };
    if (hash) {
      const { df, bytes } = readTableBytes(path, table, read);
      tables[table] = df;
      files[name] = sha256Hex(bytes);
    } else {
      tables[table] = readTable(path, table, read);
    }
  }
  return { dir, tables, missing, files };
}
