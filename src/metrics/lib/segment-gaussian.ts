import pl from "nodejs-polars";
import type { SalicTables, TableName } from "../../data/schema.js";
import type { Tail } from "../catalog.js";
import { withGaussianRule } from "./gaussian.js";
import { roundMoney } from "./money.js";
import { requireTable } from "./results.js";
import { frameColumns } from "./frame.js";
import { projectSegments } from "./mode-by.js";
import { segmentStatistics, type StdKind } from "./segment-stats.js";
import type { MetricId, MetricResult, MetricResults } from "../types.js";

/**
 * Judges per-project values against their segment (spec §3): joins each
 * project's segment, computes the segment statistics over every project
 * given, applies the Gaussian rule.
 *
 * @param values columns `pronac`, `valor` (one row per project)
 * @param segments columns `pronac`, `segment` (see `projectSegments`)
 * @returns `pronac`, `valor`, `segment`, `n`, `mean`, `std`, `threshold`, `is_outlier`
 */
export function judgeBySegment(
  values: pl.DataFrame,
  segments: pl.DataFrame,
  std: StdKind,
  tail: Tail,
): pl.DataFrame {
  const withSegment = values.join(segments, { on: "pronac", how: "left" });
  const stats = segmentStatistics(withSegment, std);
  return withGaussianRule(withSegment.join(stats, { on: "segment", how: "left" }), tail);
}

/** How a "value per project, right tail within its segment" metric reads its table. */
export interface SegmentGaussianSpec {
  /** The table the metric reads. */
  readonly table: TableName;
  /** The table's PRONAC column. */
  readonly pronac: string;
  /** The table's segment column. */
  readonly segment: string;
  /** The per-project value, an aggregation over the project's rows. */
  readonly valor: pl.Expr;
  /** Which std the segment statistics use (spec §4 fixes it per metric). */
  readonly std: StdKind;
  /** `valor` is micro-reais (from `exactMoney`): valor and maximum are reported in reais, 2 decimals. */
  readonly money: boolean;
  /** The metric's `minimo_esperado` (spec §4: 0 for counts, else null). */
  readonly minimo: number | null;
  /** Report the std as the detail `desvio_padrao`. */
  readonly stdDetail: boolean;
}

/**
 * Computes a metric of the family of spec §4.1–4.5 for every PRONAC of its
 * table: `valor` aggregated per project, right-tail Gaussian rule within the
 * project's segment.
 */
export function segmentGaussianResults(tables: SalicTables, metric: MetricId, spec: SegmentGaussianSpec): MetricResults {
  const table = requireTable(tables, spec.table, metric);
  const values = table
    .lazy()
    .filter(pl.col(spec.pronac).isNotNull())
    .groupBy(spec.pronac)
    .agg(spec.valor.alias("valor"))
    .rename({ [spec.pronac]: "pronac" })
    .collectSync();
  const judged = judgeBySegment(values, projectSegments(table, spec.pronac, spec.segment), spec.std, "right");
  // Sorted so that the results map iterates in PRONAC order, whatever the group-by's order.
  const c = frameColumns(judged.select("pronac", "valor", "std", "threshold", "is_outlier").sort("pronac"));
  const money = (x: number): number => (spec.money ? roundMoney(x) : x);
  const results = new Map<string, MetricResult>();
  for (let i = 0, n = judged.height; i < n; i++) {
    const threshold = c.threshold![i] as number | null;
    const result: MetricResult = {
      valor: money(c.valor![i] as number),
      is_outlier: c.is_outlier![i] as boolean,
      valor_valido: true,
      minimo_esperado: spec.minimo,
      maximo_esperado: threshold === null ? null : money(threshold),
    };
    if (spec.stdDetail) result.desvio_padrao = c.std![i] as number | null;
    results.set(c.pronac![i] as string, result);
  }
  return results;
}
