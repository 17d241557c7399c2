import { readFileSync, statSync } from "node:fs";
import { RESULT_MIME, canonicalDataDir, resultProblems } from "../notebook/result.js";
import { serializeNotebook } from "./canonical.js";
import { notebookParameters, parametersCellIndex } from "./parameters.js";
import { readPublishedResults } from "./results.js";
import { validateNotebookSchemas } from "./schema.js";
import { joinLines, sourceText, type Notebook, type NotebookOutput } from "./types.js";

/** Size budget of one committed notebook file. */
export const NOTEBOOK_SIZE_BUDGET = 2 * 1024 * 1024;

/** One reason a notebook fails the render check. */
export interface RenderProblem {
  notebook: string;
  /** 1-based position of the cell, when the problem is in one. */
  cell?: number;
  reason: string;
}

/** MIME types GitHub's notebook view shows (text/html only without scripts). */
const GITHUB_FALLBACKS = ["image/png", "image/svg+xml", "text/markdown", "text/html"];

/**
 * Render check of committed notebooks: every problem that would make a
 * notebook fail to show on GitHub, or mislead the promote gate. Checks the
 * nbformat 4 schema, the 2 MB budget, canonical form (`npm run notebooks`
 * output), that every code cell ran, no error outputs, a GitHub fallback on
 * every rich output, one well-formed `parameters` cell with a `dataDir`
 * string, and well-formed published results whose data_dir is that
 * `dataDir`. All files are schema-validated in one Python run.
 */
export function checkNotebooks(paths: readonly string[]): RenderProblem[] {
  const schema = validateNotebookSchemas(paths);
  return paths.flatMap((path) => {
    const problems: RenderProblem[] = [];
    for (const p of schema.get(path) ?? []) {
      const cell = p.path[0] === "cells" && typeof p.path[1] === "number" ? p.path[1] + 1 : undefined;
      problems.push({ notebook: path, ...(cell !== undefined ? { cell } : {}), reason: `nbformat schema: ${p.message} (at /${p.path.join("/")})` });
    }
    // Content checks assume the schema's shapes: a broken document gets its schema problems (and size) only.
    return [...problems, ...checkContent(path, problems.length === 0)];
  });
}

/** `checkNotebooks` for one file. */
export function checkNotebook(path: string): RenderProblem[] {
  return checkNotebooks([path]);
}

function checkContent(path: string, schemaValid: boolean): RenderProblem[] {
  const problems: RenderProblem[] = [];
  const add = (reason: string, cell?: number) => problems.push({ notebook: path, ...(cell !== undefined ? { cell } : {}), reason });
  const size = statSync(path).size;
  if (size > NOTEBOOK_SIZE_BUDGET) add(`file is ${(size / 1024 / 1024).toFixed(2)} MB, over the ${NOTEBOOK_SIZE_BUDGET / 1024 / 1024} MB budget (smaller figures or tables?)`);
  if (!schemaValid) return problems;
  const text = readFileSync(path, "utf8");
  let nb: Notebook;
  try {
    nb = JSON.parse(text) as Notebook;
  } catch (error) {
    add(`not valid JSON: ${(error as Error).message}`);
    return problems;
  }
  if (serializeNotebook(nb) !== text) add("not in canonical form: run `npm run notebooks -- NAME` to execute and canonicalize it");

  nb.cells.forEach((cell, i) => {
    const n = i + 1;
    if (cell.cell_type === "code" && sourceText(cell).trim() !== "" && (cell.execution_count === null || cell.execution_count === undefined)) {
      add("code cell was not executed (no execution count)", n);
    }
    (cell.outputs ?? []).forEach((output, j) => {
      const reason = outputProblem(output);
      if (reason !== undefined) add(`output ${j + 1}: ${reason}`, n);
    });
  });

  let dataDir: string | undefined;
  try {
    const index = parametersCellIndex(nb);
    try {
      const params = notebookParameters(nb);
      if (typeof params["dataDir"] !== "string" || params["dataDir"] === "") add('parameters cell must declare dataDir as a string, e.g. `const dataDir = "../data-samples";`', index + 1);
      else dataDir = canonicalDataDir(params["dataDir"]);
    } catch (error) {
      add((error as Error).message, index + 1);
    }
  } catch (error) {
    add(`parameters: ${(error as Error).message}`);
  }

  const seen = new Map<string, number>();
  for (const { cell, payload } of readPublishedResults(nb)) {
    for (const p of resultProblems(payload)) add(`published result (${RESULT_MIME}): ${p}`, cell);
    const { metric, data_dir } = (payload ?? {}) as { metric?: unknown; data_dir?: unknown };
    if (typeof metric === "string") {
      const earlier = seen.get(metric);
      if (earlier !== undefined) add(`metric ${metric} is published twice (also in cell ${earlier})`, cell);
      else seen.set(metric, cell);
    }
    if (dataDir !== undefined && typeof data_dir === "string" && data_dir !== dataDir) {
      add(`published result's data_dir ${JSON.stringify(data_dir)} is not the parameters cell's dataDir ${JSON.stringify(dataDir)}`, cell);
    }
  }
  return problems;
}

function outputProblem(output: NotebookOutput): string | undefined {
  if (output.output_type === "error") {
    return `error output ${output.ename ?? ""}: ${joinLines(output.evalue)}`.trim();
  }
  if (output.output_type !== "display_data" && output.output_type !== "execute_result") return undefined;
  const data = output.data ?? {};
  const mimes = Object.keys(data);
  if (mimes.every((m) => m === "text/plain")) return undefined;
  const html = data["text/html"];
  const htmlOk = html !== undefined && !/<script\b/i.test(joinLines(html as string | string[]));
  const fallback = GITHUB_FALLBACKS.some((m) => m in data && (m !== "text/html" || htmlOk));
  if (fallback) return undefined;
  if (html !== undefined && !htmlOk) return `text/html contains <script>, which GitHub does not run, and there is no other fallback (add image/png or text/markdown); has ${mimes.join(", ")}`;
  return `rich output without a fallback GitHub renders (has ${mimes.join(", ")}; needs image/png, image/svg+xml, text/markdown or text/html without <script>)`;
}
