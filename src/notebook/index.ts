/**
 * What research notebooks import, from the compiled output (tslab compiles
 * only the notebook's own folder; `npm run notebooks` and `npm run lab`
 * build first):
 *
 * ```ts
 * // cell tagged "parameters": one `const name = <JSON value>;` per line
 * const dataDir = "../data-samples";
 * // next cell
 * import pl from "nodejs-polars";
 * import { figure, loadPolars, publish, table } from "../dist/src/notebook/index.js";
 * const data = loadPolars(dataDir);                 // remembered as publish's data_dir
 * // dataDir may also be a postgres:// URL (schema salic; `npm run promote -- --db URL`
 * // injects one): same frames, published data_dir is the URL with its password masked
 * table(frame, { caption: "…", digits: 2, maxRows: 20 });
 * await figure({ data: [...], layout: {...} }, { width: 800, height: 480 });
 * publish("itens_orcamentarios", perProject, { tolerance: { abs: 1e-9, rel: 1e-9 } });
 * ```
 *
 * tslab 1.0.22 caveats: `await` every `figure(...)` so its output lands in
 * its own cell; write `{ dataDir: dataDir }`, not the shorthand `{ dataDir }`,
 * for a variable declared in an earlier cell (tslab leaves the shorthand
 * unresolved: "dataDir is not defined").
 * @module
 */
export { loadArquero, loadPolars, toArquero, type ArqueroData, type LoadOptions } from "./data.js";
export { setDisplaySink, show, type DisplayBundle, type DisplaySink } from "./display.js";
export { FIGURE_FONT, PLOTLY_MIME, figure, figureBundle, type FigureOptions, type PlotlyFigure } from "./figure.js";
export { closeRenderer } from "./chromium.js";
export { publish, publishBundle, type PerProject, type PublishOptions } from "./publish.js";
export {
  RESULT_MIME,
  canonicalDataDir,
  isDatabaseSource,
  resultProblems,
  type PublishedResult,
  type ResultProjects,
  type ResultTolerance,
  type ResultValue,
} from "./result.js";
export { table, tableBundle, type TableOptions } from "./table.js";
