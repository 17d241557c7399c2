import * as aq from "arquero";
import type pl from "nodejs-polars";
import { loadDataDir, type LoadedData } from "../data/index.js";
import type { TableName } from "../data/schema.js";
import { rememberDataDir } from "./data-dir.js";

/** The tables of a data directory as arquero tables (same columns and values as the polars frames). */
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
 * Loads a data directory into nodejs-polars frames with src/data's loader
 * (typed columns; identifiers stay strings) and remembers `dir`, as given,
 * for `publish`'s `data_dir`.
 */
export function loadPolars(dir: string, options: LoadOptions = {}): LoadedData {
  const loaded = loadDataDir(dir, options.tables !== undefined ? { tables: options.tables } : undefined);
  rememberDataDir(dir);
  return loaded;
}

/**
 * Loads a data directory as arquero tables, converted column by column from
 * the polars frames: PRONACs, segments and tax ids stay strings, ints and
 * money are numbers, datetimes are Dates. Remembers `dir` like `loadPolars`.
 */
export function loadArquero(dir: string, options: LoadOptions = {}): ArqueroData {
  const loaded = loadPolars(dir, options);
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
