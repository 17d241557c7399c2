import pl from "nodejs-polars";
import type { SalicTables } from "../data/schema.js";
import { exactMoney, roundMoney } from "./lib/money.js";
import { requireTable } from "./lib/results.js";
import { frameColumns } from "./lib/frame.js";
import { defineMetric, type MetricResult, type MetricResults } from "./types.js";

/**
 * valor_a_ser_comprovado (spec §4.6) for every project with raised funds:
 * exact raised − proven in micro-reais. The outlier test is on the cents
 * reported (the difference rounded to 2 decimals is not 0): "exact to the
 * cent", and a project never shows valor 0.00 flagged as an outlier.
 */
export function computeValorASerComprovado(tables: SalicTables): MetricResults {
  const raised = requireTable(tables, "planilha_captacao", "valor_a_ser_comprovado")
    .lazy()
    .filter(pl.col("Pronac").isNotNull())
    .groupBy("Pronac")
    .agg(exactMoney("CaptacaoReal").sum().alias("captado"))
    .rename({ Pronac: "pronac" });
  const proven = requireTable(tables, "planilha_comprovacao", "valor_a_ser_comprovado")
    .lazy()
    .filter(pl.col("PRONAC").isNotNull())
    .groupBy("PRONAC")
    .agg(exactMoney("vlComprovacao").sum().alias("comprovado"))
    .rename({ PRONAC: "pronac" });
  const frame = raised
    .join(proven, { on: "pronac", how: "left" })
    .select("pronac", "captado", pl.col("comprovado").fillNull(0).alias("comprovado"))
    .withColumns(pl.col("captado").sub(pl.col("comprovado")).alias("valor"))
    .collectSync();
  const c = frameColumns(frame.sort("pronac"));
  const results = new Map<string, MetricResult>();
  for (let i = 0, n = frame.height; i < n; i++) {
    const valor = roundMoney(c.valor![i] as number);
    results.set(c.pronac![i] as string, {
      valor,
      is_outlier: valor !== 0,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: 0,
      valor_captado: roundMoney(c.captado![i] as number),
      valor_comprovado: roundMoney(c.comprovado![i] as number),
    });
  }
  return results;
}

/** valor_a_ser_comprovado (spec §4.6): money raised and not yet proven, flagged when not zero. */
export const valorASerComprovado = defineMetric("valor_a_ser_comprovado", {
  tables: ["planilha_captacao", "planilha_comprovacao"],
  details: ["valor_captado", "valor_comprovado"],
  absence: "not_available",
  compute: computeValorASerComprovado,
});
