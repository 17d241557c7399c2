import type { ProjectScore } from "../score/index.js";
import { isSharedResult } from "../score/shared-result.js";
import type { MetricDefinition, MetricResult } from "../metrics/types.js";
import { maskTaxIds } from "../serve/mask.js";

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

// The text of shared results (most results at national scale), which cannot
// change; masked apart, as a run may be written both ways.
const sharedJson = new WeakMap<MetricResult, string>();
const sharedMaskedJson = new WeakMap<MetricResult, string>();

function resultJson(result: MetricResult, mask: boolean): string {
  const text = () => JSON.stringify(withNulls(mask ? maskTaxIds(result) : result));
  if (!isSharedResult(result)) return text();
  const cache = mask ? sharedMaskedJson : sharedJson;
  let json = cache.get(result);
  if (json === undefined) cache.set(result, (json = text()));
  return json;
}

/** Options of {@link projectToJson}. */
export interface ProjectJsonOptions {
  /**
   * Mask the tax ids (CPF/CNPJ) in the results' details as the service does
   * (`maskTaxIds` of src/serve/mask.ts: `***.***.789-**`, `**.***.678/****-**`);
   * default false, the ids as the source holds them.
   */
  maskTaxIds?: boolean;
}

/**
 * One project of the score JSON, in canonical key order: `pronac`,
 * `complexidade`, `admissibilidade`, then `metricas` keyed in the order of
 * `metrics` (the registry's), each result's fields in the order the metric
 * wrote them. A result field left undefined is written as null; NaN and
 * infinities, at any depth, are written as null (as JSON.stringify does).
 *
 * Each result is one JSON.stringify without a replacer (V8's fast path); a
 * shared result (`isSharedResult`: a run's filler for projects without one)
 * is serialised once and its text reused, which at national scale saves
 * about a second: most of the 3 million results are such fillers.
 *
 * @throws Error when the project has no result for one of `metrics` (a run
 *   always fills every metric, so this is a bug upstream, not bad data).
 */
export function projectToJson(project: ProjectScore, metrics: readonly MetricDefinition[], options: ProjectJsonOptions = {}): string {
  const mask = options.maskTaxIds === true;
  let json = `{"pronac":${JSON.stringify(project.pronac)},"complexidade":${JSON.stringify(project.complexidade)},"admissibilidade":${JSON.stringify(project.admissibilidade)},"metricas":{`;
  for (let k = 0; k < metrics.length; k++) {
    const { id } = metrics[k]!;
    const result = project.metricas[id];
    if (result === undefined) throw new Error(`project ${project.pronac} has no result for metric ${id}`);
    json += `${k === 0 ? "" : ","}${JSON.stringify(id)}:${resultJson(result, mask)}`;
  }
  return `${json}}}`;
}
