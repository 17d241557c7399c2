/**
 * The Salic metrics (spec §4): one definition per metric, the registry that
 * lists them in the spec's order, and the shared mechanisms they are built
 * from (segments, segment statistics, the Gaussian rule, exact money).
 *
 * @module
 */
export type { Absence, MetricDefinition, MetricId, MetricResult, MetricResults } from "./types.js";
export { REGISTRY, metricById, isMetricId, projetosMesmoProponente } from "./registry.js";
export { PROMOTED_METRICS } from "./promoted-metrics.js";
export { PROMOTED_IDS } from "./promoted.js";

export { itensOrcamentarios } from "./itens-orcamentarios.js";
export { comprovantePagamento } from "./comprovante-pagamento.js";
export { valorComprovado } from "./valor-comprovado.js";
export { valorAprovado } from "./valor-aprovado.js";
export { valorCaptado } from "./valor-captado.js";
export { valorASerComprovado, computeValorASerComprovado } from "./valor-a-ser-comprovado.js";
export { comprovantesAcima50 } from "./comprovantes-acima-50.js";
export { comprovanteCheque, comprovanteTransferencia, comprovanteSaque } from "./shared-receipts.js";
export { novosFornecedores } from "./novos-fornecedores.js";
export { defineProjetosMesmoProponente, computeProjetosMesmoProponente } from "./projetos-mesmo-proponente.js";
export { precoItens, computePrecoItens, REFERENCE_PRICES_SINCE } from "./preco-itens.js";
export { itensComunsEIncomunsPorSegmento, computeItensComuns } from "./itens-comuns-e-incomuns.js";
export { ALL_ITEMS_COLUMNS, allItemCounts, commonItems } from "./common-items.js";
export { numberLists } from "./item-lists.js";

export { MONEY_SCALE, exactMoney, roundMoney } from "./money.js";
export { roundHalfEven } from "./rounding.js";
export { weightedComplexity, outlierWeights } from "./complexity.js";
export { projectSegments } from "./segment.js";
export { groupStatistics, groupStatisticsLazy, segmentStatistics, type StdKind } from "./segment-stats.js";
export { exactSum } from "./exact-sum.js";
export { GAUSSIAN_FACTOR, gaussianThreshold, gaussianOutlier, withGaussianRule, type Tail } from "./gaussian.js";
export { judgeBySegment, segmentGaussianResults, type SegmentGaussianSpec } from "./segment-gaussian.js";
export { itemNames } from "./item-names.js";
export { notAvailable, zeroResult, absentResult, requireTable, frameColumns, columnValues } from "./results.js";
