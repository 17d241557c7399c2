import pl from "nodejs-polars";
import { exactSum } from "./exact-sum.js";
import { columnValues } from "./frame.js";

/** Which standard deviation a metric uses (spec §4 fixes it per metric). */
export type StdKind = "sample" | "population";

/**
 * Mean and standard deviation of `valor` per group of `by` columns, over the
 * rows given (for segment statistics: one row per project, so each project
 * counts once). Deterministic: every sum (of the values, then of the squared
 * deviations from the mean) is `exactSum`, the correctly rounded exact sum,
 * so the result does not depend on the order of the rows, which polars'
 * parallel group-bys vary between runs. Integer values (counts, micro-reais
 * money, below 2^53 each) therefore get the mean of their exact sum, and
 * identical values give std 0 exactly. Rows with a null key or value are left
 * out. `std` is null where undefined (a single row, sample std).
 *
 * @returns one row per group, sorted by the `by` columns: those columns plus
 *   `n` (Float64 count), `mean`, `std` (Float64).
 */
export function groupStatistics(values: pl.DataFrame, by: readonly string[], std: StdKind): pl.DataFrame {
  const ddof = std === "sample" ? 1 : 0;
  const keys = [...by];
  // Each group's values as a list, groups sorted by the keys; exploded, group g's
  // values are the g-th run of `valor` (in no particular order: exactSum needs none).
  const groups = values
    .lazy()
    .select(...keys, pl.col("valor").cast(pl.Float64))
    .filter(keys.reduce((ok, key) => ok.and(pl.col(key).isNotNull()), pl.col("valor").isNotNull()))
    .groupBy(keys)
    .agg(pl.len().alias("n"), pl.col("valor"))
    .sort(keys)
    .collectSync();
  const valor = groups.select(pl.col("valor").explode()).getColumn("valor").rechunk().toTypedArray() as Float64Array;
  const counts = columnValues(groups, "n") as number[];
  const squares = new Float64Array(valor.length);
  const means = new Float64Array(counts.length);
  const stds: (number | null)[] = new Array<number | null>(counts.length);
  let start = 0;
  counts.forEach((n, g) => {
    const end = start + n;
    const mean = exactSum(valor, start, end) / n;
    for (let i = start; i < end; i++) squares[i] = (valor[i]! - mean) ** 2;
    means[g] = mean;
    stds[g] = n > ddof ? Math.sqrt(exactSum(squares, start, end) / (n - ddof)) : null;
    start = end;
  });
  return pl.DataFrame([
    ...groups.select(...keys).getColumns(),
    pl.Series("n", counts, pl.Float64),
    pl.Series("mean", means, pl.Float64),
    pl.Series("std", stds, pl.Float64),
  ]);
}

/**
 * `groupStatistics` over a lazy query (collects it: the sums are made in JS,
 * see there), as a lazy frame to join in the caller's query.
 */
export function groupStatisticsLazy(values: pl.LazyDataFrame, by: readonly string[], std: StdKind): pl.LazyDataFrame {
  return groupStatistics(values.collectSync(), by, std).lazy();
}

/**
 * Segment statistics (spec §3): `groupStatistics` of per-project values by
 * `segment`. Input: columns `pronac`, `segment`, `valor`, one row per project
 * (every PRONAC of the metric's table, reported or not).
 */
export function segmentStatistics(values: pl.DataFrame, std: StdKind): pl.DataFrame {
  return groupStatistics(values, ["segment"], std);
}
