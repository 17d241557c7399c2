import pl from "nodejs-polars";

/** Which standard deviation a metric uses (spec §4 fixes it per metric). */
export type StdKind = "sample" | "population";

/**
 * Mean and standard deviation of `valor` per group of `by` columns, over the
 * rows given (for segment statistics: one row per project, so each project
 * counts once). Integer values (counts, micro-reais money) are summed as
 * integers, so the mean of money comes from an exact sum; the deviations are
 * taken from that mean in a second pass (no cancellation: identical values
 * give std 0 exactly). Rows with a null key or value are left out. `std` is
 * null where undefined (a single row, sample std).
 *
 * @returns the `by` columns plus `n` (Float64 count), `mean`, `std` (Float64).
 */
export function groupStatistics(values: pl.DataFrame, by: readonly string[], std: StdKind): pl.DataFrame {
  return groupStatisticsLazy(values.lazy(), by, std).collectSync();
}

/** `groupStatistics` as a lazy query, to be fused with the caller's. */
export function groupStatisticsLazy(values: pl.LazyDataFrame, by: readonly string[], std: StdKind): pl.LazyDataFrame {
  const ddof = std === "sample" ? 1 : 0;
  const keys = [...by];
  const known = values
    .select(...keys, "valor")
    .filter(keys.reduce((ok, key) => ok.and(pl.col(key).isNotNull()), pl.col("valor").isNotNull()));
  const means = known
    .groupBy(keys)
    .agg(pl.len().cast(pl.Float64).alias("n"), pl.col("valor").sum().alias("total"))
    .select(...keys, "n", pl.col("total").cast(pl.Float64).div(pl.col("n")).alias("mean"));
  const squares = known
    .join(means, { on: keys })
    .groupBy(keys)
    .agg(pl.col("valor").cast(pl.Float64).sub(pl.col("mean")).pow(2).sum().alias("squares"));
  return means.join(squares, { on: keys }).select(
    ...keys,
    "n",
    "mean",
    pl
      .when(pl.col("n").gt(ddof))
      .then(pl.col("squares").div(pl.col("n").sub(ddof)).pow(0.5))
      .otherwise(pl.lit(null))
      .cast(pl.Float64)
      .alias("std"),
  );
}

/**
 * Segment statistics (spec §3): `groupStatistics` of per-project values by
 * `segment`. Input: columns `pronac`, `segment`, `valor`, one row per project
 * (every PRONAC of the metric's table, reported or not).
 */
export function segmentStatistics(values: pl.DataFrame, std: StdKind): pl.DataFrame {
  return groupStatistics(values, ["segment"], std);
}
