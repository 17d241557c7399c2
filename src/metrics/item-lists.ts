import pl from "nodejs-polars";
import { columnValues } from "./results.js";

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
