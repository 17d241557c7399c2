import pl from "nodejs-polars";
import type { SalicTables } from "../data/schema.js";
import { exactMoney, roundMoney } from "./money.js";
import type { MetricDefinition, MetricResult } from "./types.js";

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
    .select(
      "PRONAC",
      cleanItemName().alias("nome"),
      exactMoney("vlAprovado").alias("va"),
      exactMoney("vlComprovacao").alias("vc"),
    )
    .filter(
      pl.col("PRONAC").isNotNull().and(pl.col("vc").mul(2).gt(pl.col("va").mul(3))),
    )
    .sort(["PRONAC", "nome", "vc", "va"]);

  const byProject = new Map<string, ReceiptAbove50[]>();
  for (const row of rows.toRecords()) {
    const pronac = row.PRONAC as string;
    const va = row.va as number;
    const vc = row.vc as number;
    const entry: ReceiptAbove50 = {
      nome: row.nome as string | null,
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

/**
 * Every project a metric "available for every project" reports: the PRONACs
 * of planilha_projetos (when loaded) and of the metric's own table.
 */
function everyProject(tables: SalicTables, table: pl.DataFrame): string[] {
  const frames = [table.select("PRONAC")];
  if (tables.planilha_projetos !== undefined) frames.push(tables.planilha_projetos.select("PRONAC"));
  return pl
    .concat(frames)
    .getColumn("PRONAC")
    .dropNulls()
    .unique()
    .sort()
    .toArray() as string[];
}

/** comprovantes_acima_50 (spec §4.7): receipt links proving more than 150 % of approved. */
export const comprovantesAcima50: MetricDefinition = {
  id: "comprovantes_acima_50",
  weight: 2,
  tail: "right",
  description:
    "Conta os comprovantes cujo valor comprovado ultrapassa em mais de 50 % o valor aprovado do item orçamentário.",
  tables: ["planilha_aprovacao_comprovacao"],
  details: ["lista_de_comprovantes"],
  absence: "zero",
  compute(tables) {
    const links = tables.planilha_aprovacao_comprovacao;
    if (links === undefined) {
      throw new Error("comprovantes_acima_50: table planilha_aprovacao_comprovacao is not loaded");
    }
    const above = receiptsAbove50ByProject(links);
    const results = new Map<string, MetricResult>();
    for (const pronac of everyProject(tables, links)) {
      const lista = above.get(pronac) ?? [];
      results.set(pronac, {
        valor: lista.length,
        is_outlier: lista.length > 0,
        valor_valido: true,
        minimo_esperado: 0,
        maximo_esperado: 0,
        lista_de_comprovantes: lista,
      });
    }
    return results;
  },
};
