import type { ProjectScore } from "../score/index.js";
import type { MetricDefinition, MetricId, MetricResult } from "../metrics/types.js";

// A field the metric left undefined is reported as null (spec §3): plain
// JSON.stringify would drop the key and change the result's shape. Checking
// first keeps the copy off the common path.
function withNulls(result: MetricResult): MetricResult {
  let copy: MetricResult | undefined;
  for (const key in result) {
    if (result[key] !== undefined) continue;
    copy ??= { ...result };
    copy[key] = null;
  }
  return copy ?? result;
}

/**
 * One project of the score JSON, in canonical key order: `pronac`,
 * `complexidade`, `admissibilidade`, then `metricas` keyed in the order of
 * `metrics` (the registry's), each result's fields in the order the metric
 * wrote them. A result field left undefined is written as null; NaN and
 * infinities, at any depth, are written as null (as JSON.stringify does).
 *
 * One JSON.stringify per project, without a replacer in the common case:
 * V8's fast path, and a flat string that encodes cheaply when written (at
 * national scale this is seconds ahead of hand-built or replacer output).
 *
 * @throws Error when the project has no result for one of `metrics` (a run
 *   always fills every metric, so this is a bug upstream, not bad data).
 */
export function projectToJson(project: ProjectScore, metrics: readonly MetricDefinition[]): string {
  const metricas = {} as Record<MetricId, unknown>;
  for (const { id } of metrics) {
    const result = project.metricas[id];
    if (result === undefined) throw new Error(`project ${project.pronac} has no result for metric ${id}`);
    metricas[id] = withNulls(result);
  }
  return JSON.stringify({
    pronac: project.pronac,
    complexidade: project.complexidade,
    admissibilidade: project.admissibilidade,
    metricas,
  });
}
