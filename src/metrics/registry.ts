import { METRIC_CATALOG, type MetricId } from "./catalog.js";
import { comprovantePagamento } from "./comprovante-pagamento.js";
import { comprovantesAcima50 } from "./comprovantes-acima-50.js";
import { itensComunsEIncomunsPorSegmento } from "./itens-comuns-e-incomuns.js";
import { itensOrcamentarios } from "./itens-orcamentarios.js";
import { novosFornecedores } from "./novos-fornecedores.js";
import { precoItens } from "./preco-itens.js";
import { projetosMesmoProponente } from "./projetos-mesmo-proponente.js";
import { comprovanteCheque, comprovanteSaque, comprovanteTransferencia } from "./shared-receipts.js";
import type { MetricDefinition } from "./types.js";
import { valorASerComprovado } from "./valor-a-ser-comprovado.js";
import { valorAprovado } from "./valor-aprovado.js";
import { valorCaptado } from "./valor-captado.js";
import { valorComprovado } from "./valor-comprovado.js";

/** Each catalog metric's definition: a metric of the catalog without one here is a type error. */
const DEFINITIONS: { readonly [I in MetricId]: MetricDefinition & { readonly id: I } } = {
  itens_orcamentarios: itensOrcamentarios,
  comprovante_pagamento: comprovantePagamento,
  valor_comprovado: valorComprovado,
  valor_aprovado: valorAprovado,
  valor_captado: valorCaptado,
  valor_a_ser_comprovado: valorASerComprovado,
  comprovantes_acima_50: comprovantesAcima50,
  comprovante_cheque: comprovanteCheque,
  comprovante_transferencia: comprovanteTransferencia,
  comprovante_saque: comprovanteSaque,
  novos_fornecedores: novosFornecedores,
  projetos_mesmo_proponente: projetosMesmoProponente,
  preco_itens: precoItens,
  itens_comuns_e_incomuns_por_segmento: itensComunsEIncomunsPorSegmento,
};

/** Every metric of the catalog with its computation, in the catalog's order (the order they are computed in). */
export const REGISTRY: readonly MetricDefinition[] = Object.freeze(METRIC_CATALOG.map((entry) => DEFINITIONS[entry.id]));

/** The registry's metric with this id, or undefined. */
export function metricById(id: string): MetricDefinition | undefined {
  return REGISTRY.find((metric) => metric.id === id);
}
