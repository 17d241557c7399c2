import pl from "nodejs-polars";
import { exactMoney, roundMoney } from "./lib/money.js";
import { requireTable, zeroResult } from "./lib/results.js";
import { frameColumns } from "./lib/frame.js";
import { defineMetric, type MetricResult } from "./types.js";

/** One receipt link that proved more than 150 % of its line's approved value. */
export interface ReceiptAbove50 {
  nome: string | null;
  valor_aprovado: number;
  valor_comprovado: number;
  porcentagem: number;
}

/**
 * Item text as the detail shows it: carriage returns, line feeds, double and
 * single quotes and backslashes removed; spaces kept (spec §4.7).
 */
export function cleanItemName(column: string | pl.Expr = "Item"): pl.Expr {
  const expr = typeof column === "string" ? pl.col(column) : column;
  return expr.str.replaceAll(/[\r\n"'\\]/.source, "");
}

/**
 * How much more than approved was proven, in percent: `vc/va·100 − 100` when
 * `va > 0`, else `vc` in reais (spec §4.7). Inputs are micro-reais; the
 * difference is taken first so that the only roundings are one division and
 * one product.
 */
export function percentageAboveApproved(vcMicros: number, vaMicros: number): number {
  return vaMicros > 0 ? ((vcMicros - vaMicros) / vaMicros) * 100 : roundMoney(vcMicros);
}

/**
 * The links of every project with `vlComprovacao > 1.5 · vlAprovado`,
 * compared exactly as `2·vc > 3·va` in micro-reais (0.45 is not above
 * 1.5 · 0.30), sorted by nome, then proven, approved values.
 */
export function receiptsAbove50ByProject(links: pl.DataFrame): Map<string, ReceiptAbove50[]> {
  const rows = links
    .select("PRONAC", "Item", exactMoney("vlAprovado").alias("va"), exactMoney("vlComprovacao").alias("vc"))
    .filter(pl.col("PRONAC").isNotNull().and(pl.col("vc").mul(2).gt(pl.col("va").mul(3))))
    .select("PRONAC", cleanItemName().alias("nome"), "va", "vc")
    .sort(["PRONAC", "nome", "vc", "va"]);

  const c = frameColumns(rows);
  const byProject = new Map<string, ReceiptAbove50[]>();
  for (let i = 0, n = rows.height; i < n; i++) {
    const pronac = c.PRONAC![i] as string;
    const va = c.va![i] as number;
    const vc = c.vc![i] as number;
    const entry: ReceiptAbove50 = {
      nome: c.nome![i] as string | null,
      valor_aprovado: roundMoney(va),
      valor_comprovado: roundMoney(vc),
      porcentagem: percentageAboveApproved(vc, va),
    };
    const list = byProject.get(pronac);
    if (list === undefined) byProject.set(pronac, [entry]);
    else list.push(entry);
  }
  return byProject;
}

const DETAILS = ["lista_de_comprovantes"] as const;

/**
 * comprovantes_acima_50 (spec §4.7): receipt links proving more than 150 % of
 * approved. Every PRONAC of the table gets a result (valor 0 and an empty
 * list when none of its links is above).
 */
export const comprovantesAcima50 = defineMetric("comprovantes_acima_50", {
  tables: ["planilha_aprovacao_comprovacao"],
  details: DETAILS,
  absence: "zero",
  compute(tables) {
    const links = requireTable(tables, "planilha_aprovacao_comprovacao", "comprovantes_acima_50");
    const above = receiptsAbove50ByProject(links);
    const results = new Map<string, MetricResult>();
    for (const pronac of links.getColumn("PRONAC").dropNulls().unique().sort().toArray() as string[]) {
      const lista = above.get(pronac);
      results.set(
        pronac,
        lista === undefined
          ? zeroResult(DETAILS)
          : {
              valor: lista.length,
              is_outlier: true,
              valor_valido: true,
              minimo_esperado: 0,
              maximo_esperado: 0,
              lista_de_comprovantes: lista,
            },
      );
    }
    return results;
  },
});
