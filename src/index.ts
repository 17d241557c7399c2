/**
 * salic-ml: the financial-complexity metrics of Lei Rouanet projects (Salic).
 *
 * - Loaders: {@link loadDataDir} reads a data directory's five tables into
 *   typed polars frames; malformed input throws a {@link DataError} naming
 *   file, line, column and value.
 * - Metrics: {@link REGISTRY} lists every {@link MetricDefinition} in spec
 *   order; each metric is also exported on its own.
 * - Score: {@link scoreAll} runs the registry over loaded tables and gives a
 *   {@link ScoreRun} (per-project {@link ProjectScore}: `complexidade`,
 *   `admissibilidade`, `metricas`).
 * - Output: {@link writeScore} streams a run as the CLI's JSON or CSV.
 *
 * ```ts
 * import { loadDataDir, scoreAll, writeScore } from "salic-ml";
 * const run = scoreAll(loadDataDir("data-samples").tables);
 * console.log(run.project(run.pronacs[0]!)?.complexidade);
 * await writeScore(run, process.stdout, { format: "csv", end: false });
 * ```
 *
 * @packageDocumentation
 */
export * from "./data/index.js";
export * from "./metrics/index.js";
export * from "./score/index.js";
export * from "./output/index.js";
