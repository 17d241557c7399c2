import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { promotionRecordPath } from "../promote/record-file.js";
import { packageRoot } from "../util/paths.js";
import { promotedMetricIds } from "./promoted-ids.js";
import { REGISTRY } from "./registry.js";
import type { MetricDefinition } from "./types.js";

export { PROMOTED_DIR, PromotionRecordError, promotionRecordPath, readPromotionRecord } from "../promote/record-file.js";

/**
 * The metrics of `registry` with a passing promotion record under `root`
 * (written by `npm run promote` when notebook and module agreed), in
 * registry order. The records are the one source of what is promoted.
 *
 * @throws PromotionRecordError naming the record when one is not valid JSON or not a record's shape.
 */
export function promotedMetrics(root: string = packageRoot(), registry: readonly MetricDefinition[] = REGISTRY): readonly MetricDefinition[] {
  const promoted = new Set(promotedMetricIds(root));
  return Object.freeze(registry.filter((metric) => promoted.has(metric.id)));
}

/**
 * The metrics that ship: those of the registry with a passing promotion
 * record in the package's promoted/ folder, in registry order. The CLI and
 * the service compute these and no others.
 */
export const PROMOTED_METRICS: readonly MetricDefinition[] = promotedMetrics();

/** The sha256 of each metric's promotion record file under `root`, by metric (what a stored run was promoted by). */
export function promotionRecordDigests(metrics: readonly MetricDefinition[], root: string = packageRoot()): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const metric of metrics) {
    const path = promotionRecordPath(root, metric.id);
    if (existsSync(path)) digests[metric.id] = createHash("sha256").update(readFileSync(path)).digest("hex");
  }
  return digests;
}
