/**
 * Polars frames to JS values, fast: nodejs-polars' `toArray` boxes one value
 * at a time, which costs seconds on a million rows, so numbers go through
 * typed arrays.
 *
 * @module
 */
import pl from "nodejs-polars";

const NUMERIC = /^(U?Int(8|16|32|64)|Float(32|64))$/;

/**
 * A column as a JS array: numbers (Int64 as numbers), booleans, strings,
 * null where null. nodejs-polars' `toArray` boxes one value at a time, which
 * costs seconds on a million rows; numeric and boolean columns go through a
 * typed array instead.
 */
export function columnValues(frame: pl.DataFrame, name: string): unknown[] {
  const series = frame.getColumn(name);
  const dtype = String(series.dtype).replace(/^DataType\((.*)\)$/, "$1");
  const bool = dtype === "Bool";
  if (!bool && !NUMERIC.test(dtype)) return series.toArray() as unknown[];
  // Null travels as NaN, which no valid file yields (the loaders reject it), so one typed array carries both.
  const typed = frame
    .select(pl.col(name).cast(pl.Float64).fillNull(Number.NaN))
    .getColumn(name)
    .toTypedArray() as Float64Array;
  const values = new Array<unknown>(typed.length);
  for (let i = 0; i < typed.length; i++) {
    const x = typed[i] as number;
    values[i] = Number.isNaN(x) ? null : bool ? x === 1 : x;
  }
  return values;
}

/** The columns of a frame as JS arrays keyed by name (see `columnValues`). */
export function frameColumns(frame: pl.DataFrame): Record<string, unknown[]> {
  const columns: Record<string, unknown[]> = {};
  for (const name of frame.columns) columns[name] = columnValues(frame, name);
  return columns;
}

/**
 * A list-of-numbers column as JS arrays, one per row (null lists as empty).
 * Goes through the lengths and the exploded values as typed arrays: boxing
 * each value with `toArray` costs seconds at national scale.
 */
export function numberLists(frame: pl.DataFrame, column: string): number[][] {
  const lengths = columnValues(frame.select(pl.col(column).lst.lengths().fillNull(0).alias("n")), "n") as number[];
  const values = columnValues(
    frame.select(pl.col(column).explode().alias("v")).filter(pl.col("v").isNotNull()),
    "v",
  ) as number[];
  const lists: number[][] = [];
  let offset = 0;
  for (const length of lengths) {
    lists.push(values.slice(offset, offset + length));
    offset += length;
  }
  return lists;
}
