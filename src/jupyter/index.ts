/** Running notebooks through Jupyter: environment, execution, parameters, canonical files, render check. */
export { KERNELSPEC, LANGUAGE_INFO, canonicalNotebook, notebookSourceHash, serializeNotebook, splitLines } from "./canonical.js";
export { NOTEBOOK_SIZE_BUDGET, checkNotebook, checkNotebooks, type RenderProblem } from "./check.js";
export { KERNEL_NAME, SYSTEM_JUPYTER, SYSTEM_PYTHON, assertKernelInstalled, jupyterEnv } from "./env.js";
export {
  DEFAULT_CELL_TIMEOUT_SECONDS,
  NotebookExecutionError,
  executeNotebook,
  type ExecuteOptions,
  type ExecuteProgress,
  type ExecutedNotebook,
} from "./execute.js";
export { stringifySorted } from "./json.js";
export { INJECTED_TAG, PARAMETERS_TAG, changedParameters, injectParameters, notebookParameters, parametersCellIndex, parseParameterAssignment, parseParameters } from "./parameters.js";
export { readPublishedResults, type FoundResult } from "./results.js";
export { validateNotebookSchemas, type SchemaProblem } from "./schema.js";
export { cellTags, firstLine, joinLines, readNotebook, sourceText, type MultilineString, type Notebook, type NotebookCell, type NotebookOutput } from "./types.js";
