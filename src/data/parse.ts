import pl from "nodejs-polars";
import type { ColumnSpec, ColumnType } from "./schema.js";

/*
 * Text → declared type, with vectorised polars expressions. A value that does
 * not parse becomes null; comparing null counts before and after tells
 * whether anything failed, and only then is the first failing row looked up.
 *
 * Accepted spellings:
 * - int: optional sign and digits (`-12`), optionally with a zero fraction
 *   (`12.0`, `12.00`, `12.`); not `12.5`, `1e3`, ` 12` or `12,0`.
 * - number: optional sign, digits with `.` as decimal point, optional
 *   exponent (`-12.345`, `.5`, `1e3`, `1.5E-4`); not `12,50`, `1.000,00`,
 *   `inf`, `NaN` or blanks around the digits.
 * - datetime: `YYYY-MM-DD`, optionally followed by ` HH:MM:SS` or
 *   `THH:MM:SS` and a fraction of a second (kept to the millisecond); no time
 *   zone. Impossible dates (`2019-02-30`) are rejected.
 */

/** Why a value is rejected, per type, as said after the quoted value. */
export const EXPECTED: Readonly<Record<Exclude<ColumnType, "string">, string>> = {
  int: "is not an integer (expected digits, e.g. 12 or 12.0)",
  number: 'is not a number (expected digits with "." as decimal point, e.g. 12.50)',
  datetime: "is not a date (expected YYYY-MM-DD, optionally with a time: YYYY-MM-DD HH:MM:SS)",
};

/** Datetime dtype of every loaded datetime column. */
export const DATETIME = pl.Datetime("ms");

const DATETIME_TEXT = "^\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)?$";

/** Text to Int64 for the common spelling (`12`): null for anything else. */
function intStrict(text: pl.Expr): pl.Expr {
  return text.cast(pl.Int64, false);
}

/** Text to Int64 also accepting a zero fraction (`12.0`): a second pass, run only when the first left nulls. */
function intWithZeroFraction(text: pl.Expr): pl.Expr {
  const noZeros = text.str.stripCharsEnd("0");
  // "12.00" → "12." → "12"; "12.." and "1.0.0" keep a dot and fail the cast
  const integral = noZeros.str.endsWith(".").and(noZeros.str.endsWith("..").not());
  return pl
    .when(integral)
    .then(noZeros.str.stripCharsEnd("."))
    .otherwise(text)
    .cast(pl.Int64, false);
}

/** Text to Float64; infinities and NaN, which the cast accepts, are rejected (null). */
function number(text: pl.Expr): pl.Expr {
  const value = text.cast(pl.Float64, false);
  return pl.when(value.isFinite()).then(value).otherwise(pl.lit(null).cast(pl.Float64));
}

/** Text to Datetime("ms") for the accepted spellings, null otherwise. */
export function datetime(text: pl.Expr): pl.Expr {
  const dateOnly = text.str.strptime(pl.Date, "%Y-%m-%d").cast(DATETIME);
  const withTime = text.str
    .replace("T", " ", true)
    .str.strptime(pl.Datetime("ms"), "%Y-%m-%d %H:%M:%S%.f")
    .cast(DATETIME);
  return pl
    .when(text.str.contains(DATETIME_TEXT).not())
    .then(pl.lit(null).cast(DATETIME))
    .when(text.str.lengths().eq(10))
    .then(dateOnly)
    .otherwise(withTime);
}

/**
 * A datetime column parsed once per distinct value (dates repeat: a
 * project's date is on each of its rows) and joined back, several times
 * faster than parsing every row; mostly-distinct columns parse directly.
 * The row index restores the frame's order whatever order the join gives.
 */
function datetimeSeries(df: pl.DataFrame, name: string): pl.Series {
  const distinct = df.lazy().select(pl.col(name).unique()).filter(pl.col(name).isNotNull()).collectSync();
  if (distinct.height === 0 || distinct.height * 4 > df.height) {
    return df.select(datetime(pl.col(name)).alias(name)).getColumn(name);
  }
  const parsed = distinct.lazy().select(pl.col(name), datetime(pl.col(name)).alias("__value"));
  return df
    .lazy()
    .select(name)
    .withRowIndex("__row")
    .join(parsed, { on: name, how: "left" })
    .sort("__row")
    .select(pl.col("__value").alias(name))
    .collectSync()
    .getColumn(name);
}

/** A value that does not parse as its column's type. */
export interface BadValue {
  /** 0-based data row. */
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly type: Exclude<ColumnType, "string">;
}

/** Parsed frame, or the first bad value (lowest row; ties in column order). */
export type Parsed = { readonly df: pl.DataFrame; readonly bad?: undefined } | { readonly df?: undefined; readonly bad: BadValue };

type Typed = ColumnSpec & { readonly type: Exclude<ColumnType, "string"> };

function firstBad(text: pl.Series, parsed: pl.Series): number | undefined {
  const mask = pl.DataFrame([text.rename("t"), parsed.rename("p")]).select(
    pl.col("t").isNotNull().and(pl.col("p").isNull()).alias("bad"),
  );
  const rows = mask.getColumn("bad").argTrue();
  return rows.length > 0 ? (rows.get(0) as number) : undefined;
}

/**
 * Parses the `columns` of `text` (Utf8 columns, null = empty field) into
 * Int64, Float64 or Datetime("ms"); other columns pass through unchanged.
 * Fails on the first value that is present but does not parse.
 */
export function parseColumns(text: pl.DataFrame, columns: readonly ColumnSpec[]): Parsed {
  const typed = columns.filter((c): c is Typed => c.type !== "string");
  if (typed.length === 0) return { df: text };
  const eager = typed.filter((c) => c.type !== "datetime");
  let df = text.lazy()
    .withColumns(...eager.map((c) => (c.type === "int" ? intStrict(pl.col(c.name)) : number(pl.col(c.name))).alias(c.name)))
    .collectSync();
  const dates = typed.filter((c) => c.type === "datetime").map((c) => datetimeSeries(text, c.name));
  if (dates.length > 0) df = df.withColumns(...dates);

  const failing = () => typed.filter((c) => df.getColumn(c.name).nullCount() !== text.getColumn(c.name).nullCount());
  const retry = failing().filter((c) => c.type === "int");
  if (retry.length > 0) {
    df = df.withColumns(...retry.map((c) => text.select(intWithZeroFraction(pl.col(c.name)).alias(c.name)).getColumn(c.name)));
  }
  let bad: BadValue | undefined;
  for (const c of failing()) {
    const row = firstBad(text.getColumn(c.name), df.getColumn(c.name));
    if (row !== undefined && (bad === undefined || row < bad.row)) {
      bad = { row, column: c.name, value: String(text.getColumn(c.name).get(row)), type: c.type };
    }
  }
  return bad ? { bad } : { df };
}
