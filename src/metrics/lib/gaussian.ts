import pl from "nodejs-polars";
import type { Tail } from "../catalog.js";

/** How many standard deviations from the mean a value may lie (spec §3). */
export const GAUSSIAN_FACTOR = 1.5;


/**
 * The Gaussian threshold from columns `mean` and `std`: `mean + 1.5·std`
 * (right tail, the expected maximum) or `mean − 1.5·std` (left tail, the
 * expected minimum); null where the std is undefined.
 */
export function gaussianThreshold(tail: Tail): pl.Expr {
  const spread = pl.col("std").mul(GAUSSIAN_FACTOR);
  return tail === "right" ? pl.col("mean").add(spread) : pl.col("mean").sub(spread);
}

/**
 * Whether `value` lies strictly beyond `threshold` on the tail's side; a
 * value equal to its threshold, or without a threshold, is not an outlier.
 */
export function gaussianOutlier(tail: Tail, value: pl.Expr, threshold: pl.Expr): pl.Expr {
  const beyond = tail === "right" ? value.gt(threshold) : value.lt(threshold);
  return beyond.fillNull(false);
}

/**
 * Applies the Gaussian rule to a frame with `valor`, `mean` and `std`:
 * adds `threshold` and `is_outlier`.
 */
export function withGaussianRule(frame: pl.DataFrame, tail: Tail): pl.DataFrame {
  return frame
    .withColumns(gaussianThreshold(tail).alias("threshold"))
    .withColumns(gaussianOutlier(tail, pl.col("valor").cast(pl.Float64), pl.col("threshold")).alias("is_outlier"));
}
