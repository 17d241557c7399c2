import type { MetricResult } from "../metrics/types.js";

/**
 * Results shared by many projects: a run gives every project without a
 * result for a metric the same filler object (most results at national
 * scale: a fresh object per project and metric was a million short-lived
 * allocations). The contract, between the score and whoever writes it:
 * a shared result is frozen, details included, so nobody may change it; a
 * writer may therefore serialise it once and reuse the text.
 */
const SHARED = new WeakSet<MetricResult>();

/** Freezes `result` and its detail values, and marks it shared. */
export function shareResult(result: MetricResult): Readonly<MetricResult> {
  for (const value of Object.values(result)) if (typeof value === "object" && value !== null) Object.freeze(value);
  SHARED.add(Object.freeze(result));
  return result;
}

/** Whether `result` was made by {@link shareResult} (and so can never change). */
export function isSharedResult(result: MetricResult): boolean {
  return SHARED.has(result);
}
