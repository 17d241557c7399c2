/**
 * salic-ml: the financial-complexity metrics of Lei Rouanet projects (Salic).
 *
 * - Data: {@link loadDataDir} reads a data directory's five tables into
 *   typed polars frames; malformed input throws a {@link DataError} naming
 *   file, line, column and value.
 * - Metrics: {@link PROMOTED_METRICS} are those whose research notebook
 *   agreed with their module (what the CLI and the service score);
 *   {@link REGISTRY} lists every metric of {@link METRIC_CATALOG}, in spec
 *   order.
 * - Score: {@link scoreAll} runs the metrics you give it over loaded tables
 *   and gives a {@link ScoreRun} (per-project {@link ProjectScore}:
 *   `complexidade`, `admissibilidade`, `metricas`); {@link complexityBand}
 *   names a complexidade for people.
 * - Output: {@link writeScore} streams a run as the CLI's JSON or CSV.
 *
 * ```ts
 * import { PROMOTED_METRICS, loadDataDir, scoreAll, writeScore } from "salic-ml";
 * const run = scoreAll(loadDataDir("data-samples").tables, PROMOTED_METRICS);
 * console.log(run.project(run.pronacs[0]!)?.complexidade);
 * await writeScore(run, process.stdout, { format: "csv", end: false });
 * ```
 *
 * Each metric and the mechanisms behind them: `salic-ml/metrics`; the
 * loaders' schema and single-table readers: `salic-ml/data`; what research
 * notebooks import: `salic-ml/notebook`.
 *
 * @packageDocumentation
 */
export { DataError, loadDataDir, type DataErrorDetails, type LoadedData, type LoadOptions, type SalicTables, type TableName } from "./data/index.js";
export { METRIC_CATALOG, type CatalogEntry, type MetricId, type MetricUnit, type Tail } from "./metrics/catalog.js";
export type { Absence, MetricDefinition, MetricResult, MetricResults } from "./metrics/types.js";
export { REGISTRY } from "./metrics/registry.js";
export { PROMOTED_METRICS } from "./metrics/promoted.js";
export { scoreAll, complexityBand, type ComplexityBand, type ProjectScore, type ScoreRun } from "./score/index.js";
export { writeScore, type ScoreFormat, type ScoreSource, type WriteScoreOptions } from "./output/index.js";
