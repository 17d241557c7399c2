/**
 * `salic-ml/metrics`: the Salic metrics (spec §4) one by one, for engineers
 * composing their own runs: the catalog, each definition, and the shared
 * mechanisms of lib/ they are built from (segments, segment statistics, the
 * Gaussian rule, exact money). The package root exports what most users
 * need (the registry, the promoted metrics, the score).
 *
 * @module
 */
export {
  ADMISSIBILITY_METRIC,
  METRIC_CATALOG,
  METRIC_IDS,
  METRIC_WEIGHTS,
  catalogEntry,
  isMetricId,
  type CatalogEntry,
  type CatalogEntryOf,
  type MetricId,
  type MetricUnit,
  type Tail,
} from "./catalog.js";
export { defineMetric, type Absence, type MetricDefinition, type MetricImplementation, type MetricResult, type MetricResults } from "./types.js";
export { REGISTRY, metricById } from "./registry.js";
export { PROMOTED_DIR, PROMOTED_METRICS, promotedMetrics, promotionRecordPath } from "./promoted.js";

export { itensOrcamentarios } from "./itens-orcamentarios.js";
export { comprovantePagamento } from "./comprovante-pagamento.js";
export { valorComprovado } from "./valor-comprovado.js";
export { valorAprovado } from "./valor-aprovado.js";
export { valorCaptado } from "./valor-captado.js";
export { valorASerComprovado, computeValorASerComprovado } from "./valor-a-ser-comprovado.js";
export { comprovantesAcima50 } from "./comprovantes-acima-50.js";
export { comprovanteCheque, comprovanteTransferencia, comprovanteSaque } from "./shared-receipts.js";
export { novosFornecedores } from "./novos-fornecedores.js";
export { projetosMesmoProponente, defineProjetosMesmoProponente, computeProjetosMesmoProponente } from "./projetos-mesmo-proponente.js";
export { precoItens, computePrecoItens, REFERENCE_PRICES_SINCE } from "./preco-itens.js";
export { itensComunsEIncomunsPorSegmento, computeItensComuns } from "./itens-comuns-e-incomuns.js";
export { ALL_ITEMS_COLUMNS, allItemCounts, commonItems } from "./lib/common-items.js";

export { MONEY_SCALE, exactMoney, roundMoney } from "./lib/money.js";
export { roundHalfEven } from "./lib/rounding.js";
export { weightedComplexity, outlierWeights } from "./lib/complexity.js";
export { groupStatistics, groupStatisticsLazy, segmentStatistics, type StdKind } from "./lib/segment-stats.js";
export { exactSum } from "./lib/exact-sum.js";
export { GAUSSIAN_FACTOR, gaussianThreshold, gaussianOutlier, withGaussianRule } from "./lib/gaussian.js";
export { judgeBySegment, segmentGaussianResults, type SegmentGaussianSpec } from "./lib/segment-gaussian.js";
export { modeBy, projectSegments, itemNames } from "./lib/mode-by.js";
export { notAvailable, zeroResult, absentResult, requireTable } from "./lib/results.js";
export { columnValues, frameColumns, numberLists } from "./lib/frame.js";
