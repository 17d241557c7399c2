/**
 * What research notebooks import, from the compiled output:
 * `import { loadPolars, table, figure, publish } from "../dist/src/notebook/index.js"`.
 */
export { loadArquero, loadPolars, toArquero, type ArqueroData, type LoadOptions } from "./data.js";
export { setDisplaySink, show, type DisplayBundle, type DisplaySink } from "./display.js";
export { FIGURE_FONT, PLOTLY_MIME, figure, figureBundle, type FigureOptions, type PlotlyFigure } from "./figure.js";
export { closeRenderer } from "./chromium.js";
export { publish, publishBundle, type PerProject, type PublishOptions } from "./publish.js";
export {
  RESULT_MIME,
  canonicalDataDir,
  resultProblems,
  type PublishedResult,
  type ResultProjects,
  type ResultTolerance,
  type ResultValue,
} from "./result.js";
export { table, tableBundle, type TableOptions } from "./table.js";
