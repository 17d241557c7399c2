import pl from "nodejs-polars";
import type { SalicTables } from "../data/schema.js";
import { outlierWeights, weightedComplexity } from "./lib/complexity.js";
import { GAUSSIAN_FACTOR } from "./lib/gaussian.js";
import { requireTable } from "./lib/results.js";
import { numberLists } from "./lib/frame.js";
import { METRIC_CATALOG, METRIC_IDS } from "./catalog.js";
import { defineMetric, type MetricDefinition, type MetricId, type MetricResult, type MetricResults } from "./types.js";

const ID = "projetos_mesmo_proponente" satisfies MetricId;

/**
 * c(p) of every project of planilha_projetos, in tenths (an integer, so the
 * statistics below are exact): `round(10 · Σ weight·is_outlier / Σ weight, 1)`
 * over the weighted metrics of `earlier` (spec §4.10).
 */
function complexityTenths(
  pronacs: readonly string[],
  earlier: ReadonlyMap<MetricId, MetricResults>,
  weights: ReadonlyMap<MetricId, number>,
): number[] {
  const { byProject, total } = outlierWeights(earlier, weights);
  return pronacs.map((pronac) => Math.round(weightedComplexity(byProject.get(pronac) ?? 0, total) * 10));
}

/**
 * The projects of each proponent (non-null CgcCpf) as row numbers of
 * `projects`, sorted by PRONAC as strings.
 */
function proponentGroups(projects: pl.DataFrame): number[][] {
  const grouped = projects
    .lazy()
    .withColumns(pl.intRange(0, pl.len()).cast(pl.Int64).alias("row"))
    .filter(pl.col("proponent").isNotNull())
    .groupBy("proponent")
    .agg(pl.col("row").sortBy("pronac").alias("rows"))
    .collectSync();
  return numberLists(grouped, "rows");
}

/**
 * Whether `k > mean + 1.5·std` of the other values, exactly: with m others
 * of sum `sumK` and sum of squares `sumK2` (integers), `L = m·k − sumK`,
 * `D = m·sumK2 − sumK²` (m²·variance), the test is `L > 0 ∧ 4L² > 9D`.
 */
function aboveThreshold(k: number, m: number, sumK: number, sumK2: number): boolean {
  const L = m * k - sumK;
  if (L <= 0) return false;
  const D = m * sumK2 - sumK * sumK;
  if (Number.isSafeInteger(4 * L * L) && Number.isSafeInteger(9 * D)) return 4 * L * L > 9 * D;
  return 4n * BigInt(L) ** 2n > 9n * (BigInt(m) * BigInt(sumK2) - BigInt(sumK) ** 2n);
}

/**
 * projetos_mesmo_proponente (spec §4.10) for every project of
 * planilha_projetos. The proponent's other projects are compared leaving the
 * project out, on c in tenths (integers, so that the test is exact and a
 * value equal to its threshold is never an outlier). A project without a
 * proponent (null CgcCpf) has no other projects.
 */
export function computeProjetosMesmoProponente(
  tables: SalicTables,
  earlier: ReadonlyMap<MetricId, MetricResults>,
  weights: ReadonlyMap<MetricId, number>,
): MetricResults {
  const projects = requireTable(tables, "planilha_projetos", ID)
    .lazy()
    .select(pl.col("PRONAC").alias("pronac"), pl.col("CgcCpf").alias("proponent"))
    .filter(pl.col("pronac").isNotNull())
    .unique({ subset: ["pronac"], keep: "first", maintainOrder: true })
    .collectSync();
  const pronacs = projects.getColumn("pronac").toArray() as string[];
  const k = complexityTenths(pronacs, earlier, weights);
  const results: MetricResult[] = pronacs.map(() => ({
    valor: 0,
    is_outlier: false,
    valor_valido: true,
    minimo_esperado: null,
    maximo_esperado: null,
    projetos_submetidos: [],
  }));
  for (const group of proponentGroups(projects)) {
    const members = group.map((row) => pronacs[row]!);
    let sumK = 0;
    let sumK2 = 0;
    for (const row of group) {
      sumK += k[row]!;
      sumK2 += k[row]! * k[row]!;
    }
    const m = group.length - 1;
    group.forEach((row, i) => {
      const result = results[row]!;
      result.projetos_submetidos = members.filter((_, j) => j !== i);
      result.valor = m;
      if (m < 2) return;
      const own = k[row]!;
      const othersK = sumK - own;
      const othersK2 = sumK2 - own * own;
      const variance = (m * othersK2 - othersK * othersK) / (m * m);
      result.maximo_esperado = (othersK / m + GAUSSIAN_FACTOR * Math.sqrt(variance)) / 10;
      result.is_outlier = aboveThreshold(own, m, othersK, othersK2);
    });
  }
  return new Map(pronacs.map((pronac, row) => [pronac, results[row]!]));
}

/**
 * The projetos_mesmo_proponente definition over the given metric weights.
 * Its `compute` reads the earlier metrics' outliers.
 */
export function defineProjetosMesmoProponente(weights: ReadonlyMap<MetricId, number>): MetricDefinition & { readonly id: typeof ID } {
  return defineMetric(ID, {
    tables: ["planilha_projetos"],
    details: ["projetos_submetidos"],
    absence: "not_available",
    compute: (tables, earlier) => computeProjetosMesmoProponente(tables, earlier, weights),
  });
}

/**
 * The weights c(p) sums: those of the catalog's metrics listed before this
 * one (computed first, so their outliers are known; spec §4.10 "the weighted
 * metrics other than this one", whose weights sum to 20).
 */
const EARLIER_WEIGHTS: ReadonlyMap<MetricId, number> = new Map(
  METRIC_CATALOG.slice(0, METRIC_IDS.indexOf(ID)).map((entry) => [entry.id, entry.weight]),
);

/** projetos_mesmo_proponente (spec §4.10). */
export const projetosMesmoProponente = defineProjetosMesmoProponente(EARLIER_WEIGHTS);
