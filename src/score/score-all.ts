import pl from "nodejs-polars";
import type { SalicTables } from "../data/schema.js";
import { byCodeUnit } from "../util/order.js";
import { ADMISSIBILITY_METRIC } from "../metrics/catalog.js";
import { weightedComplexity } from "../metrics/lib/complexity.js";
import { absentResult, notAvailable } from "../metrics/lib/results.js";
import type { MetricDefinition, MetricId, MetricResult, MetricResults } from "../metrics/types.js";
import { shareResult } from "./shared-result.js";

/** One project's scores and every metric of the run. */
export interface ProjectScore {
  /** The project's PRONAC (a string, as planilha_projetos writes it). */
  pronac: string;
  /** Financial complexity, 0–10, one decimal (spec §5). */
  complexidade: number;
  /** 10 when itens_comuns_e_incomuns_por_segmento is an outlier, else 0. */
  admissibilidade: number;
  /** Every metric of the run; absent ones filled per the metric's `absence`. */
  metricas: Record<MetricId, MetricResult>;
}

/** The metrics of a run over one data directory's tables. */
export interface ScoreRun {
  /** PRONACs of planilha_projetos, sorted as strings. */
  readonly pronacs: readonly string[];
  /**
   * A project's scores, built on demand; undefined if not a project. Its
   * metric results are shared (with `results`, and between projects for
   * absent ones: see shared-result.ts): read-only.
   */
  project(pronac: string): ProjectScore | undefined;
  /** Each metric's computed results (projects absent here get `absence`). */
  readonly results: ReadonlyMap<MetricId, MetricResults>;
  /** Metrics that could not be computed, with why (a table is missing). */
  readonly unavailable: ReadonlyMap<MetricId, string>;
  /** The metrics of the run, in computation order. */
  readonly metrics: readonly MetricDefinition[];
}

/** The projects of a run: distinct non-null PRONACs of planilha_projetos, sorted as strings. */
function projectPronacs(tables: SalicTables): string[] {
  const projects = tables.planilha_projetos;
  if (projects === undefined) {
    throw new Error("scoreAll: table planilha_projetos is missing; it defines the projects to score");
  }
  const pronacs = projects.select(pl.col("PRONAC")).filter(pl.col("PRONAC").isNotNull()).unique();
  return (pronacs.getColumn("PRONAC").toArray() as string[]).sort(byCodeUnit);
}

/**
 * Runs `metrics`, in order, over the tables: `PROMOTED_METRICS` for what
 * ships, `REGISTRY` for research on every metric (the choice is the
 * caller's, so nothing unpromoted is scored by accident). Each
 * metric sees the results of those before it (`earlier`); a metric whose
 * table is missing is not available for every project and listed in
 * `unavailable`. planilha_projetos must be present: it defines the projects.
 *
 * complexidade = round(10 · Σ weight·is_outlier / Σ weight, 1) over the
 * weighted metrics of the run (Σ weight = 22 with the registry), rounded as
 * Python's round (half to even on the double's exact value, see
 * metrics/rounding.ts); a metric not available counts as not an outlier.
 */
export function scoreAll(tables: SalicTables, metrics: readonly MetricDefinition[]): ScoreRun {
  const pronacs = projectPronacs(tables);
  const results = new Map<MetricId, MetricResults>();
  const unavailable = new Map<MetricId, string>();
  for (const metric of metrics) {
    const missing = metric.tables.filter((table) => tables[table] === undefined);
    if (missing.length > 0) {
      unavailable.set(metric.id, `table${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not loaded`);
      results.set(metric.id, new Map());
    } else {
      results.set(metric.id, metric.compute(tables, results));
    }
  }
  const totalWeight = metrics.reduce((sum, metric) => sum + Math.max(metric.weight, 0), 0);
  // One shared result per metric for every project without one (most projects lack some table's rows).
  const fillers = metrics.map((metric) =>
    shareResult(unavailable.has(metric.id) ? notAvailable(metric.details) : absentResult(metric)),
  );
  // Results aligned with `pronacs`, gathered metric by metric: walking each
  // metric's map once is several times faster than a lookup per project and
  // metric in project(), which the CLI calls for every project.
  const index = new Map(pronacs.map((pronac, i) => [pronac, i]));
  const aligned = metrics.map(() => new Array<MetricResult | undefined>(pronacs.length));
  const outlierWeight = new Float64Array(pronacs.length);
  metrics.forEach((metric, k) => {
    for (const [pronac, result] of results.get(metric.id) ?? []) {
      const i = index.get(pronac);
      if (i === undefined) continue;
      aligned[k]![i] = result;
      if (metric.weight > 0 && result.is_outlier) outlierWeight[i] = outlierWeight[i]! + metric.weight;
    }
  });

  function project(pronac: string): ProjectScore | undefined {
    const i = index.get(pronac);
    if (i === undefined) return undefined;
    const metricas = {} as Record<MetricId, MetricResult>;
    metrics.forEach((metric, k) => {
      metricas[metric.id] = aligned[k]![i] ?? fillers[k]!;
    });
    return {
      pronac,
      complexidade: weightedComplexity(outlierWeight[i]!, totalWeight),
      admissibilidade: metricas[ADMISSIBILITY_METRIC]?.is_outlier === true ? 10 : 0,
      metricas,
    };
  }

  return { pronacs, project, results, unavailable, metrics };
}
