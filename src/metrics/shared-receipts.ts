import pl from "nodejs-polars";
import type { SalicTables } from "../data/schema.js";
import { exactMoney, roundMoney } from "./money.js";
import type { MetricDefinition, MetricId, MetricResult } from "./types.js";

/** One budget line paid by a shared receipt, as the detail lists it. */
export interface SharedReceiptItem {
  item: string | null;
  nome_fornecedor: string | null;
  valor_comprovado: number | null;
  cpf_cnpj_fornecedor: string | null;
}

/** A shared receipt of a project and the project's lines it pays. */
export interface SharedReceipt {
  id_comprovante: number;
  itens: SharedReceiptItem[];
}

/** Payment type codes of tpFormaDePagamento (spec §2). */
export type PaymentCode = 1 | 2 | 3;

/**
 * The payment type as a number: tpFormaDePagamento is text, and numeric
 * spellings such as "1.0" mean the same code (spec §2). Text that is not a
 * number gives null, so it never matches a code.
 */
export function paymentCode(column: string | pl.Expr = "tpFormaDePagamento"): pl.Expr {
  const expr = typeof column === "string" ? pl.col(column) : column;
  return expr.str.strip().cast(pl.Float64, false);
}

/**
 * Builds comprovante_cheque / _transferencia / _saque (spec §4.8): the
 * project's distinct receipts of the given payment type whose
 * idComprovantePagamento occurs in more than one row of the whole
 * planilha_comprovacao, across projects.
 */
function sharedReceiptMetric(
  id: MetricId,
  weight: number,
  code: PaymentCode,
  description: string,
): MetricDefinition {
  return {
    id,
    weight,
    tail: "right",
    description,
    tables: ["planilha_comprovacao"],
    details: ["comprovantes"],
    absence: "zero",
    compute(tables) {
      const links = tables.planilha_comprovacao;
      if (links === undefined) throw new Error(`${id}: table planilha_comprovacao is not loaded`);
      const receipts = sharedReceiptsByProject(links, code);
      const results = new Map<string, MetricResult>();
      for (const pronac of everyProject(tables, links)) {
        const comprovantes = receipts.get(pronac) ?? [];
        results.set(pronac, {
          valor: comprovantes.length,
          is_outlier: comprovantes.length > 0,
          valor_valido: true,
          minimo_esperado: 0,
          maximo_esperado: 0,
          comprovantes,
        });
      }
      return results;
    },
  };
}

/**
 * The shared receipts of payment type `code` of every project that has one:
 * receipts by id, their lines by item, then supplier name, value and tax id.
 */
export function sharedReceiptsByProject(
  links: pl.DataFrame,
  code: PaymentCode,
): Map<string, SharedReceipt[]> {
  // A receipt is shared by counting all of its rows, whatever their project or
  // payment type; a null id is no receipt at all.
  const rows = links
    .select(
      "PRONAC",
      "idComprovantePagamento",
      "Item",
      "nmFornecedor",
      "nrCNPJCPF",
      exactMoney("vlComprovacao").alias("vc"),
      paymentCode().alias("code"),
    )
    .filter(pl.col("idComprovantePagamento").isNotNull())
    .withColumns(pl.len().over("idComprovantePagamento").alias("uses"))
    .filter(
      pl.col("uses").gt(1).and(pl.col("code").eq(code)).and(pl.col("PRONAC").isNotNull()),
    )
    .sort(["PRONAC", "idComprovantePagamento", "Item", "nmFornecedor", "vc", "nrCNPJCPF"]);

  const byProject = new Map<string, SharedReceipt[]>();
  let receipt: SharedReceipt | undefined;
  let receiptPronac = "";
  for (const row of rows.toRecords()) {
    const pronac = row.PRONAC as string;
    const id = row.idComprovantePagamento as number;
    if (receipt === undefined || receiptPronac !== pronac || receipt.id_comprovante !== id) {
      receipt = { id_comprovante: id, itens: [] };
      receiptPronac = pronac;
      const list = byProject.get(pronac);
      if (list === undefined) byProject.set(pronac, [receipt]);
      else list.push(receipt);
    }
    const vc = row.vc as number | null;
    receipt.itens.push({
      item: row.Item as string | null,
      nome_fornecedor: row.nmFornecedor as string | null,
      valor_comprovado: vc === null ? null : roundMoney(vc),
      cpf_cnpj_fornecedor: row.nrCNPJCPF as string | null,
    });
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

/** Shared receipts paid by cheque (tpFormaDePagamento 1). */
export const comprovanteCheque: MetricDefinition = sharedReceiptMetric(
  "comprovante_cheque",
  1,
  1,
  "Conta os comprovantes pagos em cheque que aparecem em mais de uma linha de comprovação, isto é, um mesmo comprovante pagando vários itens.",
);

/** Shared receipts paid by bank transfer (tpFormaDePagamento 2). */
export const comprovanteTransferencia: MetricDefinition = sharedReceiptMetric(
  "comprovante_transferencia",
  5,
  2,
  "Conta os comprovantes pagos por transferência bancária que aparecem em mais de uma linha de comprovação, isto é, um mesmo comprovante pagando vários itens.",
);

/** Shared receipts paid by cash withdrawal (tpFormaDePagamento 3). */
export const comprovanteSaque: MetricDefinition = sharedReceiptMetric(
  "comprovante_saque",
  5,
  3,
  "Conta os comprovantes pagos por saque em dinheiro que aparecem em mais de uma linha de comprovação, isto é, um mesmo comprovante pagando vários itens.",
);
