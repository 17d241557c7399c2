import pl from "nodejs-polars";
import { exactMoney, roundMoney } from "./lib/money.js";
import { requireTable, zeroResult } from "./lib/results.js";
import { frameColumns } from "./lib/frame.js";
import { defineMetric, type MetricDefinition, type MetricResult } from "./types.js";

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

/** Payment type codes of tpFormaDePagamento (spec §2): cheque, bank transfer, cash withdrawal. */
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

/** What the three metrics share, computed once per planilha_comprovacao frame. */
interface SharedRows {
  /** Rows of a shared receipt with a PRONAC, sorted by PRONAC, receipt, item, supplier, value, tax id. */
  rows: pl.DataFrame;
  /** Every PRONAC of the table. */
  pronacs: string[];
}

const sharedRowsCache = new WeakMap<pl.DataFrame, SharedRows>();

function sharedRows(links: pl.DataFrame): SharedRows {
  let shared = sharedRowsCache.get(links);
  if (shared === undefined) {
    // A receipt is shared by counting all of its rows, whatever their project
    // or payment type; a null id is no receipt at all.
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
      .filter(pl.len().over("idComprovantePagamento").gt(1).and(pl.col("PRONAC").isNotNull()))
      .sort(["PRONAC", "idComprovantePagamento", "Item", "nmFornecedor", "vc", "nrCNPJCPF"]);
    const pronacs = links.getColumn("PRONAC").dropNulls().unique().sort().toArray() as string[];
    shared = { rows, pronacs };
    sharedRowsCache.set(links, shared);
  }
  return shared;
}

/**
 * The shared receipts of payment type `code` of every project that has one
 * (spec §4.8): receipts whose idComprovantePagamento occurs in more than one
 * row of the whole table, across projects; the project's rows of that type,
 * receipts by id, their lines by item, then supplier name, value and tax id.
 */
export function sharedReceiptsByProject(links: pl.DataFrame, code: PaymentCode): Map<string, SharedReceipt[]> {
  const rows = sharedRows(links).rows.filter(pl.col("code").eq(code));
  const c = frameColumns(rows);
  const byProject = new Map<string, SharedReceipt[]>();
  let receipt: SharedReceipt | undefined;
  let receiptPronac = "";
  for (let i = 0, n = rows.height; i < n; i++) {
    const pronac = c.PRONAC![i] as string;
    const id = c.idComprovantePagamento![i] as number;
    if (receipt === undefined || receiptPronac !== pronac || receipt.id_comprovante !== id) {
      receipt = { id_comprovante: id, itens: [] };
      receiptPronac = pronac;
      const list = byProject.get(pronac);
      if (list === undefined) byProject.set(pronac, [receipt]);
      else list.push(receipt);
    }
    const vc = c.vc![i] as number | null;
    receipt.itens.push({
      item: c.Item![i] as string | null,
      nome_fornecedor: c.nmFornecedor![i] as string | null,
      valor_comprovado: vc === null ? null : roundMoney(vc),
      cpf_cnpj_fornecedor: c.nrCNPJCPF![i] as string | null,
    });
  }
  return byProject;
}

/**
 * comprovante_cheque / _transferencia / _saque: one implementation, one
 * payment code each. Every PRONAC of planilha_comprovacao gets a result
 * (valor 0 and an empty list when it has no shared receipt of the type).
 */
function sharedReceiptMetric<I extends "comprovante_cheque" | "comprovante_transferencia" | "comprovante_saque">(
  id: I,
  code: PaymentCode,
): MetricDefinition & { readonly id: I } {
  const details = ["comprovantes"] as const;
  return defineMetric(id, {
    tables: ["planilha_comprovacao"],
    details,
    absence: "zero",
    compute(tables) {
      const links = requireTable(tables, "planilha_comprovacao", id);
      const receipts = sharedReceiptsByProject(links, code);
      const results = new Map<string, MetricResult>();
      for (const pronac of sharedRows(links).pronacs) {
        const comprovantes = receipts.get(pronac);
        results.set(
          pronac,
          comprovantes === undefined
            ? zeroResult(details)
            : { valor: comprovantes.length, is_outlier: true, valor_valido: true, minimo_esperado: 0, maximo_esperado: 0, comprovantes },
        );
      }
      return results;
    },
  });
}

/** Shared receipts paid by cheque (tpFormaDePagamento 1). */
export const comprovanteCheque = sharedReceiptMetric("comprovante_cheque", 1);

/** Shared receipts paid by bank transfer (tpFormaDePagamento 2). */
export const comprovanteTransferencia = sharedReceiptMetric("comprovante_transferencia", 2);

/** Shared receipts paid by cash withdrawal (tpFormaDePagamento 3). */
export const comprovanteSaque = sharedReceiptMetric("comprovante_saque", 3);
