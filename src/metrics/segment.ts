import pl from "nodejs-polars";

/**
 * The segment of every project of a table (spec §3): the most frequent
 * segment code of its rows, ties broken by the code that sorts first as a
 * string ("11" before "4B"; polars compares UTF-8 bytes, which is code-point
 * order, as Python does). Null codes are no segment: they are not counted,
 * and a project whose rows all lack a code is left out (its metric value has
 * no segment statistics). Rows without a PRONAC belong to no project.
 *
 * @returns columns `pronac` and `segment` (Utf8), one row per project.
 */
export function projectSegments(table: pl.DataFrame, pronac: string, segment: string): pl.DataFrame {
  // Several metrics read the segments of one table: compute them once per loaded frame.
  const key = `${pronac}\u0000${segment}`;
  let cached = CACHE.get(table);
  if (cached === undefined) CACHE.set(table, (cached = new Map()));
  let segments = cached.get(key);
  if (segments === undefined) cached.set(key, (segments = computeSegments(table, pronac, segment)));
  return segments;
}

/** Project segments already computed, per loaded table (metrics never modify the frames they read). */
const CACHE = new WeakMap<pl.DataFrame, Map<string, pl.DataFrame>>();

function computeSegments(table: pl.DataFrame, pronac: string, segment: string): pl.DataFrame {
  return table
    .lazy()
    .select(pl.col(pronac).alias("pronac"), pl.col(segment).alias("segment"))
    .filter(pl.col("pronac").isNotNull().and(pl.col("segment").isNotNull()))
    .groupBy(["pronac", "segment"])
    .agg(pl.len().alias("rows"))
    // The most frequent codes, then the smallest of them: no reliance on row order.
    .filter(pl.col("rows").eq(pl.col("rows").max().over("pronac")))
    .groupBy("pronac")
    .agg(pl.col("segment").min())
    .collectSync();
}
