import type { ProjectScore } from "../score/index.js";
import type { MetricDefinition } from "../metrics/types.js";

// A value the metrics left undefined is reported as null (spec §3); without
// this JSON.stringify would drop the key and change the shape.
const undefinedToNull = (_key: string, value: unknown): unknown => (value === undefined ? null : value);

/**
 * One project of the score JSON, in canonical key order: `pronac`,
 * `complexidade`, `admissibilidade`, then `metricas` keyed in the order of
 * `metrics` (the registry's), each result's fields in the order the metric
 * wrote them. Undefined values and non-finite numbers become null.
 *
 * @throws Error when the project has no result for one of `metrics` (a run
 *   always fills every metric, so this is a bug upstream, not bad data).
 */
export function projectToJson(project: ProjectScore, metrics: readonly MetricDefinition[]): string {
  let json =
    `{"pronac":${JSON.stringify(project.pronac)}` +
    `,"complexidade":${JSON.stringify(project.complexidade)}` +
    `,"admissibilidade":${JSON.stringify(project.admissibilidade)},"metricas":{`;
  for (let i = 0; i < metrics.length; i++) {
    const id = metrics[i]!.id;
    const result = project.metricas[id];
    if (result === undefined) throw new Error(`project ${project.pronac} has no result for metric ${id}`);
    json += `${i === 0 ? "" : ","}${JSON.stringify(id)}:${JSON.stringify(result, undefinedToNull)}`;
  }
  return json + "}}";
}
