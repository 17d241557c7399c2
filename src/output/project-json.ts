import type { ProjectScore } from "../score/index.js";
import type { MetricDefinition } from "../metrics/types.js";

// A value the metrics left undefined is reported as null (spec §3); plain
// JSON.stringify would drop the key and change the shape.
const undefinedToNull = (_key: string, value: unknown): unknown => (value === undefined ? null : value);

// Results are mostly flat numbers and booleans: serialising those by hand and
// leaving only nested details to JSON.stringify (whose replacer doubles its
// cost) keeps the national-scale output at about plain-stringify speed.
function jsonValue(value: unknown): string {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return JSON.stringify(value);
    case "undefined":
      return "null";
    default:
      return value === null ? "null" : JSON.stringify(value, undefinedToNull);
  }
}

const keys = new Map<string, string>();
function jsonKey(key: string): string {
  let json = keys.get(key);
  if (json === undefined) keys.set(key, (json = JSON.stringify(key) + ":"));
  return json;
}

function resultToJson(result: object): string {
  let json = "{";
  for (const [key, value] of Object.entries(result)) json += (json.length === 1 ? "" : ",") + jsonKey(key) + jsonValue(value);
  return json + "}";
}

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
    `{"pronac":${jsonValue(project.pronac)},"complexidade":${jsonValue(project.complexidade)}` +
    `,"admissibilidade":${jsonValue(project.admissibilidade)},"metricas":{`;
  for (let i = 0; i < metrics.length; i++) {
    const id = metrics[i]!.id;
    const result = project.metricas[id];
    if (result === undefined) throw new Error(`project ${project.pronac} has no result for metric ${id}`);
    json += (i === 0 ? "" : ",") + jsonKey(id) + resultToJson(result);
  }
  return json + "}}";
}
