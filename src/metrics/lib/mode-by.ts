/**
 * "The most frequent value, ties to the smallest" (spec §3), the rule that
 * gives a project its segment and a catalogue item its name.
 *
 * @module
 */
import pl from "nodejs-polars";

/**
 * For every value of `key` in `table`, the most frequent value of `value`
 * among its rows; ties go to the smallest (polars compares strings as UTF-8
 * bytes, which is code-point order, as Python does). Rows where either column
 * is null are not counted, so a key whose values are all null is left out.
 * Does not rely on row order.
 *
 * @returns columns `key` (the key column's type) and `value`, one row per key.
 */
export function modeBy(table: pl.DataFrame, key: string, value: string): pl.DataFrame {
  return table
    .lazy()
    .select(pl.col(key).alias("key"), pl.col(value).alias("value"))
    .filter(pl.col("key").isNotNull().and(pl.col("value").isNotNull()))
    .groupBy(["key", "value"])
    .agg(pl.len().alias("rows"))
    .filter(pl.col("rows").eq(pl.col("rows").max().over("key")))
    .groupBy("key")
    .agg(pl.col("value").min())
    .collectSync();
}

/** Project segments already computed, per loaded table (metrics never modify the frames they read). */
const SEGMENTS = new WeakMap<pl.DataFrame, Map<string, pl.DataFrame>>();

/**
 * The segment of every project of a table (spec §3): the `modeBy` of its
 * segment codes ("11" before "4B" on a tie). A project whose rows all lack a
 * code has no segment (its value gets no segment statistics); rows without a
 * PRONAC belong to no project. Computed once per loaded frame: several
 * metrics read the segments of one table.
 *
 * @returns columns `pronac` and `segment` (Utf8), one row per project.
 */
export function projectSegments(table: pl.DataFrame, pronac: string, segment: string): pl.DataFrame {
  const key = `${pronac}\u0000${segment}`;
  let cached = SEGMENTS.get(table);
  if (cached === undefined) SEGMENTS.set(table, (cached = new Map()));
  let segments = cached.get(key);
  if (segments === undefined) {
    segments = modeBy(table, pronac, segment).rename({ key: "pronac", value: "segment" });
    cached.set(key, segments);
  }
  return segments;
}

/**
 * The name of every catalogue item id (spec §3): the `modeBy` of its `name`
 * texts over the whole table, ties to the smallest string.
 *
 * @returns columns `id` (the id column's type) and `name` (Utf8), one row per id.
 */
export function itemNames(table: pl.DataFrame, id: string, name: string): pl.DataFrame {
  return modeBy(table, id, name).rename({ key: "id", value: "name" });
}
