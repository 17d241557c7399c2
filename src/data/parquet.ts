import pl from "nodejs-polars";
import { checkTable } from "./checks.js";
import { presentColumns } from "./columns.js";
import { DataError, showValue } from "./errors.js";
import { DATETIME, EXPECTED, parseColumns } from "./parse.js";
import type { ColumnSpec, TableName } from "./schema.js";

/*
 * Parquet carries its own types, so a column is converted by what it holds:
 * text is parsed exactly as CSV text is (and "" is null, as an empty CSV
 * field); numbers and dates are cast. A conversion that would change a value
 * (12.5 to an int, an integer to an identifier) is an error naming the file,
 * the column and, for a value, the 1-based row.
 */

const INTEGERS = new Set(["Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64"]);
const FLOATS = new Set(["Float32", "Float64"]);
/** Other scalar types an optional column may hold, kept as their text. */
const SCALARS = new Set(["Bool", "Datetime", "Time", "Duration"]);

type Kind = "text" | "categorical" | "integer" | "float" | "decimal" | "datetime" | "date" | "null" | "other";

function kind(dtype: pl.DataType): Kind {
  const v = dtype.variant as string;
  if (v === "String" || v === "Utf8") return "text";
  if (v === "Categorical" || v === "Enum") return "categorical";
  if (INTEGERS.has(v)) return "integer";
  if (FLOATS.has(v)) return "float";
  if (v === "Decimal") return "decimal";
  if (v === "Datetime") return (dtype as { timeZone?: string }).timeZone ? "other" : "datetime";
  if (v === "Date") return "date";
  if (v === "Null") return "null";
  return "other";
}

/** Text with "" as null, like an empty CSV field. */
function text(name: string): pl.Expr {
  const col = pl.col(name).cast(pl.Utf8);
  return pl.when(col.eq(pl.lit(""))).then(pl.lit(null).cast(pl.Utf8)).otherwise(col).alias(name);
}

function cannot(file: string, spec: ColumnSpec, dtype: pl.DataType, why: string): DataError {
  return new DataError({ file, column: spec.name }, `column "${spec.name}" is stored as ${dtype.variant}; ${why}`);
}

/** Text columns are parsed afterwards, as CSV text is; null-typed columns (all null) count as text. */
const isText = (k: Kind) => k === "text" || k === "null" || k === "categorical";
const isNumeric = (k: Kind) => k === "integer" || k === "float" || k === "decimal";

/** The expression giving `spec`'s dtype from a non-text column stored as `dtype`, or the error why it cannot. */
function conversion(spec: ColumnSpec, dtype: pl.DataType, file: string): pl.Expr {
  const k = kind(dtype);
  const col = pl.col(spec.name);
  if (!spec.required) {
    if (k === "other" && !SCALARS.has(dtype.variant)) throw cannot(file, spec, dtype, "expected values that can be read as text");
    return col.cast(pl.Utf8).alias(spec.name);
  }
  switch (spec.type) {
    case "string":
      throw cannot(file, spec, dtype, 'expected text (identifiers are kept as strings, so "000014" keeps its zeros)');
    case "int":
      if (k === "integer") return col.cast(pl.Int64).alias(spec.name);
      if (isNumeric(k)) return col.cast(pl.Float64).cast(pl.Int64).alias(spec.name);
      throw cannot(file, spec, dtype, "expected integers");
    case "number":
      if (isNumeric(k)) return col.cast(pl.Float64).alias(spec.name);
      throw cannot(file, spec, dtype, "expected numbers");
    case "datetime":
      if (k === "datetime" || k === "date") return col.cast(DATETIME).alias(spec.name);
      throw cannot(file, spec, dtype, "expected dates without a time zone");
  }
}

/** Values of a numeric column that its declared type cannot hold: non-finite, or for an int non-integral or beyond Int64. */
function outOfType(spec: ColumnSpec, k: Kind): pl.Expr {
  const col = pl.col(spec.name);
  if (spec.type === "int" && k === "integer") return col.isNotNull().and(col.cast(pl.Int64, false).isNull());
  const v = col.cast(pl.Float64);
  const nonFinite = v.isNotNull().and(v.isFinite().not());
  if (spec.type !== "int") return nonFinite;
  return nonFinite.or(v.isNotNull().and(v.round(0).neq(v).or(v.abs().gt(pl.lit(2 ** 53)))));
}

/**
 * A cell as a message shows it. nodejs-polars' `get` cuts an Int64 to 32 bits
 * (3000000000 comes back as -1294967296), so integers go through polars' own
 * text; floats keep JavaScript's spelling ("Infinity", "9223372036854.78").
 */
function cellText(raw: pl.DataFrame, column: string, row: number): string {
  const series = raw.getColumn(column);
  if (kind(series.dtype) === "float") return String(series.get(row));
  return String(raw.select(pl.col(column).cast(pl.Utf8)).getColumn(column).get(row));
}

/**
 * Reads one table from Parquet bytes into a frame with the same columns and
 * dtypes as the CSV reader gives.
 * @param file named in errors.
 * @throws DataError naming the file, the column and, for a bad value, the 1-based row.
 */
export function readParquet(bytes: Buffer, file: string, table: TableName): pl.DataFrame {
  let raw: pl.DataFrame;
  try {
    raw = pl.readParquet(bytes);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new DataError({ file }, `not a readable Parquet file (${reason})`);
  }
  const columns = presentColumns(raw.columns, table, file);
  const kinds = new Map(columns.map((c) => [c.name, kind(raw.schema[c.name] as pl.DataType)]));
  for (const spec of columns) {
    const k = kinds.get(spec.name) as Kind;
    if (!spec.required || !isNumeric(k) || (spec.type !== "int" && spec.type !== "number")) continue;
    const rows = raw.select(outOfType(spec, k).alias("bad")).getColumn("bad").argTrue();
    if (rows.length === 0) continue;
    const row = rows.get(0) as number;
    const value = cellText(raw, spec.name, row);
    throw new DataError({ file, row: row + 1, column: spec.name, value }, `${showValue(value)} ${EXPECTED[spec.type]}`);
  }
  const converted = raw.select(
    ...columns.map((c) => (isText(kinds.get(c.name) as Kind) ? text(c.name) : conversion(c, raw.schema[c.name] as pl.DataType, file))),
  );
  const parsed = parseColumns(converted, columns.filter((c) => c.required && isText(kinds.get(c.name) as Kind)));
  if (parsed.bad) {
    const { row, column, value, type } = parsed.bad;
    throw new DataError({ file, row: row + 1, column, value }, `${showValue(value)} ${EXPECTED[type]}`);
  }
  checkTable(parsed.df, columns, { file, locate: (row) => ({ row: row + 1 }), text: (row, column) => cellText(raw, column, row) });
  return parsed.df;
}
