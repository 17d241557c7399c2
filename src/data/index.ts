/**
 * The five Salic tables (spec §2): their schema and the loaders that read a
 * data directory of CSV or Parquet files into typed polars frames.
 * @module
 */
export { DataError, type DataErrorDetails } from "./errors.js";
export { hashFile } from "./hash.js";
export { loadDataDir, type LoadedData, type LoadOptions } from "./load.js";
export { readTable } from "./table.js";
export { SCHEMA, TABLE_NAMES, type ColumnSpec, type ColumnType, type SalicTables, type TableName } from "./schema.js";
