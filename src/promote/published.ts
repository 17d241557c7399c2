/**
 * What a notebook publishes, as the gate reads it: from an executed run, or
 * from the committed file's outputs (what GitHub shows), without Jupyter —
 * and the checks that keep the two and the module in step.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { stringifySorted } from "../jupyter/json.js";
import { notebookParameters } from "../jupyter/parameters.js";
import { readPublishedResults } from "../jupyter/results.js";
import { readNotebook, type Notebook } from "../jupyter/types.js";
import { loadDataDir } from "../data/load.js";
import type { MetricDefinition } from "../metrics/types.js";
import { canonicalDataDir, resultProblems, type PublishedResult } from "../notebook/result.js";
import { scoreAll } from "../score/score-all.js";
import { byCodePoint, byCodeUnit } from "../util/order.js";
import { REPO_FOLDERS, repoRelative } from "../util/paths.js";
import { agrees, compareResults, type Comparison, type ProjectValues } from "./compare.js";
import { publishedMetrics, readNotebookSource, type NotebookSource } from "./notebook-source.js";
import { shownValue } from "./report.js";
import { catalogModulePath } from "./sources.js";

/** A notebook's published results by metric, or why they cannot be read (a malformed or repeated result). */
export type Published = Map<string, PublishedResult> | string;

/** The results a notebook's outputs hold, checked; `path` names it in the reason. */
export function readResults(path: string, notebook: Notebook): Published {
  const results = new Map<string, PublishedResult>();
  for (const found of readPublishedResults(notebook)) {
    const problems = resultProblems(found.payload);
    if (problems.length > 0) return `${path} cell ${found.cell}: malformed result: ${problems.join("; ")}`;
    const result = found.payload as PublishedResult;
    if (results.has(result.metric)) return `${path} publishes ${result.metric} twice (again in cell ${found.cell})`;
    results.set(result.metric, result);
  }
  return results;
}

/**
 * sha256 of the results the committed notebook `path` publishes in its
 * outputs, in cell order: what a record pins of what GitHub shows.
 */
export function publishedResultsHash(root: string, path: string): string {
  const payloads = readPublishedResults(readNotebook(resolve(root, path))).map((f) => f.payload);
  return createHash("sha256").update(stringifySorted(payloads)).digest("hex");
}

/** Metric id → the notebooks publishing it, read from their sources without executing them. */
export function findPublishers(root: string, notebooksDir: string): Map<string, NotebookSource[]> {
  const publishers = new Map<string, NotebookSource[]>();
  for (const file of readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort(byCodeUnit)) {
    const source = readNotebookSource(root, join(notebooksDir, file));
    for (const metric of publishedMetrics(source)) publishers.set(metric, [...(publishers.get(metric) ?? []), source]);
  }
  return publishers;
}

/** The module's results in the notebook's shape: metric → PRONAC → result, for projects where it is available. */
export function modulePerProject(run: ReturnType<typeof scoreAll>, metrics: readonly string[]): Map<string, ProjectValues> {
  const values = new Map<string, Record<string, Record<string, unknown>>>(metrics.map((id) => [id, {}]));
  for (const pronac of run.pronacs) {
    const project = run.project(pronac)!;
    for (const [metric, perProject] of values) {
      const result = project.metricas[metric as keyof typeof project.metricas];
      if (result?.valor_valido) perProject[pronac] = result;
    }
  }
  return values;
}

/**
 * Why the results the committed notebook shows differ from those of the
 * run the gate compared (exactly: both come from the same code and data),
 * or undefined when they are the same. Names the notebook, the metric and
 * the first differing projects.
 */
export function committedDifference(path: string, metric: string, committed: Published, run: PublishedResult): string | undefined {
  const fix = `execute it with \`npm run notebooks -- ${path}\` and commit it`;
  if (typeof committed === "string") return `${path} as committed: ${committed}; ${fix}`;
  const shown = committed.get(metric);
  if (shown === undefined) return `${path} as committed shows no published result for ${metric} (not executed?); ${fix}`;
  const what: string[] = [];
  if (shown.data_dir !== run.data_dir) what.push(`data_dir "${shown.data_dir}", the run "${run.data_dir}"`);
  if (stringifySorted(shown.tolerance) !== stringifySorted(run.tolerance)) what.push(`tolerance ${JSON.stringify(shown.tolerance)}, the run ${JSON.stringify(run.tolerance)}`);
  const pronacs = [...new Set([...Object.keys(shown.projects), ...Object.keys(run.projects)])].sort(byCodePoint);
  const differing = pronacs.filter((p) => stringifySorted(shown.projects[p]) !== stringifySorted(run.projects[p]));
  if (differing.length > 0) {
    const first = differing[0]!;
    what.push(
      `${differing.length} project(s) differ, first ${first}: committed ${showValue(shown.projects[first])}, the run ${showValue(run.projects[first])}`,
    );
  }
  if (what.length === 0) return undefined;
  return `${path} as committed publishes ${metric} differently from the run the gate compared: ${what.join("; ")}; ${fix}`;
}

/** One committed notebook's published metric that does not agree with its module. */
export interface PublishedDisagreement {
  notebook: string;
  metric: string;
  /** The first differing project, when the disagreement is one. */
  pronac?: string;
  message: string;
}

/** Options of `checkPublished`. */
export interface CheckPublishedOptions {
  /** Folder of the notebooks, relative to root (default "notebooks"). */
  notebooksDir?: string;
  /** The sample data, relative to root (default "data-samples"). */
  dataDir?: string;
}

/**
 * Without Jupyter: compares the results every committed notebook in
 * notebooks/ publishes in its outputs with its module's on the sample data,
 * by the gate's rules (compareResults, the notebook's tolerance). One
 * disagreement per notebook and metric: a published value edited by hand,
 * outputs not re-executed after a change, a result missing or published on
 * other data than the committed `dataDir`. Metrics with no module in
 * `registry` are the gate's to refuse, not this check's.
 */
export function checkPublished(root: string, registry: readonly MetricDefinition[], options: CheckPublishedOptions = {}): PublishedDisagreement[] {
  const notebooksDir = resolve(root, options.notebooksDir ?? REPO_FOLDERS.notebooks);
  const dataDir = resolve(root, options.dataDir ?? REPO_FOLDERS.samples);
  const problems: PublishedDisagreement[] = [];
  const expected: { notebook: string; metric: MetricDefinition; result: PublishedResult }[] = [];
  const byNotebook = new Map<string, MetricDefinition[]>();
  for (const [id, notebooks] of findPublishers(root, notebooksDir)) {
    const metric = registry.find((m) => m.id === id);
    if (metric === undefined) continue;
    for (const n of notebooks) byNotebook.set(n.path, [...(byNotebook.get(n.path) ?? []), metric]);
  }
  for (const [path, metrics] of [...byNotebook].sort(([a], [b]) => byCodeUnit(a, b))) {
    const nb = readNotebook(resolve(root, path));
    const committed = readResults(path, nb);
    const dir = canonicalDataDir(repoRelative(resolve(root, path, ".."), dataDir));
    for (const metric of metrics) {
      const fail = (message: string, pronac?: string) =>
        problems.push({ notebook: path, metric: metric.id, ...(pronac !== undefined ? { pronac } : {}), message: `${path}: ${metric.id}: ${message}` });
      if (typeof committed === "string") {
        fail(committed);
        continue;
      }
      const result = committed.get(metric.id);
      if (result === undefined) {
        fail(`no published result in its committed outputs (execute it with \`npm run notebooks -- ${path}\`)`);
        continue;
      }
      if (result.data_dir !== dir) {
        const parameter = notebookParameters(nb)["dataDir"];
        fail(`published on data_dir "${result.data_dir}", not the sample data "${dir}" (its dataDir parameter: ${JSON.stringify(parameter)})`);
        continue;
      }
      expected.push({ notebook: path, metric, result });
    }
  }
  if (expected.length === 0) return problems;
  const ids = [...new Set(expected.map((e) => e.metric.id))];
  const used = registry.filter((m) => ids.includes(m.id));
  const modules = modulePerProject(scoreAll(loadDataDir(dataDir).tables, used), ids);
  for (const { notebook, metric, result } of expected) {
    const comparison = compareResults(result.projects, modules.get(metric.id)!, result.tolerance);
    if (agrees(comparison)) continue;
    const { message, pronac } = disagreement(comparison, result, catalogModulePath(metric), repoRelative(root, dataDir));
    problems.push({ notebook, metric: metric.id, pronac, message: `${notebook}: ${metric.id}: ${message}` });
  }
  return problems.sort((a, b) => byCodeUnit(a.notebook, b.notebook) || registry.findIndex((m) => m.id === a.metric) - registry.findIndex((m) => m.id === b.metric));
}

function disagreement(c: Comparison, result: PublishedResult, module: string, data: string): { message: string; pronac: string } {
  const head = `the result in its committed outputs disagrees with ${module} on ${data}`;
  const d = c.differences[0];
  if (d !== undefined) {
    const { abs, rel } = result.tolerance;
    return {
      pronac: d.pronac,
      message: `${head}: project ${d.pronac} field ${d.field}: notebook ${showValue(d.notebook)}, module ${showValue(d.module)} (tolerance abs ${abs}, rel ${rel}; ${c.differences.length} differing field(s))`,
    };
  }
  if (c.onlyInNotebook.length > 0) return { pronac: c.onlyInNotebook[0]!, message: `${head}: project ${c.onlyInNotebook[0]} is only in the notebook (${c.onlyInNotebook.length} such)` };
  return { pronac: c.onlyInModule[0]!, message: `${head}: project ${c.onlyInModule[0]} is only in the module (${c.onlyInModule.length} such)` };
}

/** How much of one value a message shows. */
const SHOWN_CHARS = 160;

/** A value as these messages show it (tax ids masked, clipped). */
function showValue(value: unknown): string {
  return shownValue(value, SHOWN_CHARS);
}

