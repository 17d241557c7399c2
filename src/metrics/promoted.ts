import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../util/paths.js";
import type { MetricId } from "./catalog.js";
import { REGISTRY } from "./registry.js";
import type { MetricDefinition } from "./types.js";

/** The folder of the package holding the promotion records, `<metric>.json` each. */
export const PROMOTED_DIR = "promoted";

/** Where metric `id`'s promotion record lives under `root`. */
export function promotionRecordPath(root: string, id: MetricId): string {
  return join(root, PROMOTED_DIR, `${id}.json`);
}

/**
 * The metrics of `registry` with a passing promotion record under `root`
 * (written by `npm run promote` when notebook and module agreed), in
 * registry order. The records are the one source of what is promoted.
 *
 * @throws Error naming the record when one is not valid JSON.
 */
export function promotedMetrics(root: string = packageRoot(), registry: readonly MetricDefinition[] = REGISTRY): readonly MetricDefinition[] {
  return Object.freeze(
    registry.filter((metric) => {
      const path = promotionRecordPath(root, metric.id);
      if (!existsSync(path)) return false;
      let record: { verdict?: unknown };
      try {
        record = JSON.parse(readFileSync(path, "utf8")) as { verdict?: unknown };
      } catch (error) {
        throw new Error(`${path} is not valid JSON (${(error as Error).message}); restore it from git or re-promote`);
      }
      return record.verdict === "pass";
    }),
  );
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
