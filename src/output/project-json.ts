import type { ProjectScore } from "../score/index.js";
import type { MetricId, MetricResult } from "../metrics/types.js";
import type { ScoreSource } from "./source.js";

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
 * A serialiser of one run's projects for the score JSON, each in canonical
 * key order: `pronac`, `complexidade`, `admissibilidade`, then `metricas`
 * keyed in the order of `run.metrics` (the registry's), each result's fields
 * in the order the metric wrote them. A result field left undefined is
 * written as null; NaN and infinities, at any depth, are written as null (as
 * JSON.stringify does).
 *
 * A project that a metric did not compute (absent from `run.results`) gets
 * the metric's filler, the same for every such project (ScoreRun's
 * contract): its JSON is made once per metric and reused. At national scale
 * fillers are four results in five, and this halves the serialising.
 *
 * The returned function throws when a project lacks a result for one of the
 * run's metrics (a run always fills every metric: a bug upstream, not bad data).
 */
export function projectJsonSerializer(run: Pick<ScoreSource, "metrics" | "results">): (project: ProjectScore) => string {
  const metrics = run.metrics.map(({ id }) => ({
    id,
    key: `${JSON.stringify(id)}:`,
    computed: run.results.get(id),
    filler: undefined as string | undefined,
  }));
  return (project) => {
    let json =
      `{"pronac":${JSON.stringify(project.pronac)},"complexidade":${JSON.stringify(project.complexidade)}` +
      `,"admissibilidade":${JSON.stringify(project.admissibilidade)},"metricas":{`;
    for (let i = 0; i < metrics.length; i++) {
      const metric = metrics[i]!;
      const result: MetricResult | undefined = project.metricas[metric.id as MetricId];
      if (result === undefined) throw new Error(`project ${project.pronac} has no result for metric ${metric.id}`);
      let value: string;
      if (metric.computed?.has(project.pronac) === false) value = metric.filler ??= JSON.stringify(withNulls(result));
      else value = JSON.stringify(withNulls(result));
      json += (i === 0 ? "" : ",") + metric.key + value;
    }
    return json + "}}";
  };
}
