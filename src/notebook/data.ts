import * as aq from "arquero";
import type pl from "nodejs-polars";
import { loadDataDir, type LoadedData } from "../data/index.js";
import type { TableName } from "../data/schema.js";
import { loadDatabaseSync } from "../db/export.js";
import { rememberDataDir } from "./data-dir.js";
import { isDatabaseSource } from "./result.js";

/** The tables of a data directory (or database) as arquero tables (same columns and values as the polars frames). */
export interface ArqueroData {
  dir: string;
  tables: Partial<Record<TableName, aq.ColumnTable>>;
  missing: ReadonlyMap<TableName, string>;
  files: Readonly<Record<string, string>>;
}

/** Options of the loaders. */
export interface LoadOptions {
  /** Only these tables (default: every table whose file exists). */
  tables?: readonly TableName[];
}

/**
 * Loads the Salic tables into nodejs-polars frames (typed columns;
 * identifiers stay strings) and remembers the source for `publish`'s
 * `data_dir`. `source` is either
 * - a data directory, read with src/data's loader (`loadDataDir`) and
 *   remembered as given (canonical); or
 * - a `postgres://` (or `postgresql://`) URL, read from schema `salic` with
 *   `loadDatabase` of src/db (the same frames, dtypes, row order and
 *   DataErrors: table, PRONAC, column, value) and remembered as the URL with
 *   its password masked: the password is never published nor in a message.
 *
 * Synchronous either way (a database is read by a child process the call
 * waits for, see src/db/export.ts), so `const data = loadPolars(dataDir);`
 * works unchanged whichever the gate or the reader injects.
 */
export function loadPolars(source: string, options: LoadOptions = {}): LoadedData {
  const tables = options.tables !== undefined ? { tables: options.tables } : undefined;
  const loaded = isDatabaseSource(source) ? loadDatabaseSync(source, tables) : loadDataDir(source, tables);
  rememberDataDir(source);
  return loaded;
}

/**
 * Loads a data directory or a database (see `loadPolars`) as arquero tables,
 * converted column by column from the polars frames: PRONACs, segments and
 * tax ids stay strings, ints and money are numbers, datetimes are Dates.
 * Remembers the source like `loadPolars`.
 */
export function loadArquero(source: string, options: LoadOptions = {}): ArqueroData {
  const loaded = loadPolars(source, options);
  const tables: Partial<Record<TableName, aq.ColumnTable>> = {};
  for (const [name, frame] of Object.entries(loaded.tables) as [TableName, pl.DataFrame][]) tables[name] = toArquero(frame);
  return { dir: loaded.dir, tables, missing: loaded.missing, files: loaded.files };
}

/** One polars frame as an arquero table, keeping column order, names and value types. */
export function toArquero(frame: pl.DataFrame): aq.ColumnTable {
  const columns: Record<string, unknown[]> = {};
  for (const series of frame.getColumns()) columns[series.name] = series.toArray() as unknown[];
  return aq.table(columns, frame.columns);
}
