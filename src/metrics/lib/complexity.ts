import { roundHalfEven } from "./rounding.js";
import type { MetricId, MetricResults } from "../types.js";

/**
 * The weighted share of outlier metrics on a 0–10 scale, one decimal:
 * `round(10 · Σ weight·is_outlier / Σ weight, 1)` (spec §5 complexidade and
 * spec §4.10 c(p)), rounded as Python's round (see rounding.ts). 0 when no
 * weight is given.
 */
export function weightedComplexity(outlierWeight: number, totalWeight: number): number {
  return totalWeight > 0 ? roundHalfEven((10 * outlierWeight) / totalWeight, 1) : 0;
}

/**
 * Σ weight·is_outlier of every project over the weighted metrics among
 * `results` (a project missing from a metric's results, or not available,
 * is not an outlier), with Σ weight of those metrics.
 */
export function outlierWeights(
  results: ReadonlyMap<MetricId, MetricResults>,
  weights: ReadonlyMap<MetricId, number>,
): {
  /** PRONAC → Σ weight of the metrics it is an outlier on (projects with none are absent). */
  byProject: Map<string, number>;
  /** Σ weight of the weighted metrics among `results`. */
  total: number;
} {
  const byProject = new Map<string, number>();
  let total = 0;
  for (const [id, perProject] of results) {
    const weight = weights.get(id) ?? 0;
    if (weight <= 0) continue;
    total += weight;
    for (const [pronac, result] of perProject) {
      if (result.is_outlier) byProject.set(pronac, (byProject.get(pronac) ?? 0) + weight);
    }
  }
  return { byProject, total };
}
