import pl from "nodejs-polars";
import type { SalicTables } from "../data/schema.js";
import { gaussianOutlier, gaussianThreshold } from "./lib/gaussian.js";
import { exactMoney } from "./lib/money.js";
import { requireTable } from "./lib/results.js";
import { frameColumns } from "./lib/frame.js";
import { groupStatisticsLazy } from "./lib/segment-stats.js";
import { defineMetric, type MetricResult, type MetricResults } from "./types.js";

/** Budget lines dated from this day on give reference prices (spec §4.11). */
export const REFERENCE_PRICES_SINCE = new Date(Date.UTC(2013, 0, 1));

/** A project is an outlier above 1/10 of its lines overpriced (spec: percentage > 0.1). */
const TENTH = 10;

/**
 * preco_itens (spec §4.11) for every PRONAC of planilha_orcamentaria.
 * Reference prices per (idSegmento, idPlanilhaItens): mean and population
 * std of the exact unit prices of lines dated ≥ 2013-01-01 with a positive
 * price. A line is overpriced when its own pair has reference prices and its
 * price (micro-reais) exceeds mean + 1.5·std. `percentage > 0.1` is decided
 * in integers (`10·valor > lines`).
 */
export function computePrecoItens(tables: SalicTables): MetricResults {
  // One lazy query: polars fuses the projections, filters and the final group-by.
  const lines = requireTable(tables, "planilha_orcamentaria", "preco_itens")
    .lazy()
    .filter(pl.col("PRONAC").isNotNull())
    .select(
      pl.col("PRONAC").alias("pronac"),
      pl.col("idSegmento").alias("segment"),
      pl.col("idPlanilhaItens").alias("item"),
      pl.col("DataProjeto").alias("date"),
      exactMoney("VlUnitarioAprovado").alias("valor"),
    );
  const reference = groupStatisticsLazy(
    lines.filter(pl.col("date").gtEq(pl.lit(REFERENCE_PRICES_SINCE)).and(pl.col("valor").gt(0))),
    ["segment", "item"],
    "population",
  );
  const perProject = lines
    .join(reference, { on: ["segment", "item"], how: "left" })
    .withColumns(gaussianThreshold("right").alias("threshold"))
    .groupBy("pronac")
    .agg(
      pl.len().cast(pl.Int64).alias("lines"),
      gaussianOutlier("right", pl.col("valor").cast(pl.Float64), pl.col("threshold")).cast(pl.Int64).sum().alias("overpriced"),
    )
    .collectSync();
  const c = frameColumns(perProject.sort("pronac"));
  const results = new Map<string, MetricResult>();
  for (let i = 0, n = perProject.height; i < n; i++) {
    const lineCount = c.lines![i] as number;
    const valor = c.overpriced![i] as number;
    results.set(c.pronac![i] as string, {
      valor,
      is_outlier: valor * TENTH > lineCount,
      valor_valido: true,
      minimo_esperado: null,
      // lines/10 rather than 0.1·lines: the same number without binary noise (3/10 = 0.3, not 0.30000000000000004).
      maximo_esperado: lineCount / TENTH,
      percentage: valor / lineCount,
    });
  }
  return results;
}

/** preco_itens (spec §4.11): share of budget lines priced above their segment's reference prices. */
export const precoItens = defineMetric("preco_itens", {
  tables: ["planilha_orcamentaria"],
  details: ["percentage"],
  absence: "not_available",
  compute: computePrecoItens,
});
