import { comprovantePagamento } from "./comprovante-pagamento.js";
import { comprovantesAcima50 } from "./comprovantes-acima-50.js";
import { itensComunsEIncomunsPorSegmento } from "./itens-comuns-e-incomuns.js";
import { itensOrcamentarios } from "./itens-orcamentarios.js";
import { novosFornecedores } from "./novos-fornecedores.js";
import { precoItens } from "./preco-itens.js";
import { defineProjetosMesmoProponente } from "./projetos-mesmo-proponente.js";
import { comprovanteCheque, comprovanteSaque, comprovanteTransferencia } from "./shared-receipts.js";
import type { MetricDefinition, MetricId } from "./types.js";
import { valorASerComprovado } from "./valor-a-ser-comprovado.js";
import { valorAprovado } from "./valor-aprovado.js";
import { valorCaptado } from "./valor-captado.js";
import { valorComprovado } from "./valor-comprovado.js";

/** The metrics computed before projetos_mesmo_proponente, whose outliers c(p) weighs (spec §4.10). */
const BEFORE_PROPONENT: readonly MetricDefinition[] = [
  itensOrcamentarios,
  comprovantePagamento,
  valorComprovado,
  valorAprovado,
  valorCaptado,
  valorASerComprovado,
  comprovantesAcima50,
  comprovanteCheque,
  comprovanteTransferencia,
  comprovanteSaque,
  novosFornecedores,
];

/** projetos_mesmo_proponente (spec §4.10), weighing the metrics listed before it. */
export const projetosMesmoProponente: MetricDefinition = defineProjetosMesmoProponente(
  new Map(BEFORE_PROPONENT.map((metric) => [metric.id, metric.weight])),
);

/** Every metric of spec §4, in the spec's order (the order they are computed in). */
export const REGISTRY: readonly MetricDefinition[] = Object.freeze([
  ...BEFORE_PROPONENT,
  projetosMesmoProponente,
  precoItens,
  itensComunsEIncomunsPorSegmento,
]);

const BY_ID = new Map<string, MetricDefinition>(REGISTRY.map((metric) => [metric.id, metric]));

/** The registry's metric with this id, or undefined. */
export function metricById(id: string): MetricDefinition | undefined {
  return BY_ID.get(id);
}

/** Whether `id` names a metric of the registry. */
export function isMetricId(id: string): id is MetricId {
  return BY_ID.has(id);
}
