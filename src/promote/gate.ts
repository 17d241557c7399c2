import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { DataError } from "../data/errors.js";
import { loadDataDir, type LoadedData } from "../data/load.js";
import { DatabaseError } from "../db/connect.js";
import { loadDatabase } from "../db/read.js";
import { maskDatabaseUrl, maskPassword } from "../db/url.js";
import { DEFAULT_CELL_TIMEOUT_SECONDS, executeNotebook, NotebookExecutionError } from "../jupyter/execute.js";
import { notebookParameters } from "../jupyter/parameters.js";
import { readNotebook } from "../jupyter/types.js";
import { REGISTRY } from "../metrics/registry.js";
import type { MetricDefinition } from "../metrics/types.js";
import { canonicalDataDir, isDatabaseSource } from "../notebook/result.js";
import { scoreAll } from "../score/score-all.js";
import { REPO_FOLDERS, repoRelative } from "../util/paths.js";
import { runPool } from "../util/pool.js";
import { metricChanges, type StalenessCache } from "./check.js";
import { agrees, compareResults, type Comparison, type Tolerance } from "./compare.js";
import { manifestProblems } from "./manifest.js";
import { reachedSources, type NotebookSource } from "./notebook-source.js";
import { committedDifference, findPublishers, modulePerProject, readResults, type Published } from "./published.js";
import { buildRecord, readRecords, type PromotionRecord } from "./record.js";
import { writePromotion } from "./write.js";
import { catalogModulePath } from "./sources.js";

/** The notebook parameter through which the gate gives a notebook its data directory. */
export const DATA_DIR_PARAMETER = "dataDir";

/** Options of `promote`. */
export interface GateOptions {
  /** Repository root: records, notebooks and modules are found from here. */
  root: string;
  /** Folder of the research notebooks, relative to root (default "notebooks"). */
  notebooksDir?: string;
  /** Data directory, relative to root or absolute (default "data-samples"). Not with `db`. */
  dataDir?: string;
  /**
   * A postgres:// URL to run on instead of a data directory (schema salic,
   * see src/db): injected as each notebook's `dataDir`, read for the modules
   * with `loadDatabase`. A database run compares and records nothing.
   */
  db?: string;
  /** Metrics to promote (default: every registered metric). */
  metrics?: readonly string[];
  /** The metric registry (default REGISTRY). */
  registry?: readonly MetricDefinition[];
  /** Notebooks executed at once (default 2: one per core). */
  concurrency?: number;
  /** Per-cell time limit of a notebook (default DEFAULT_CELL_TIMEOUT_SECONDS of src/jupyter/execute.ts). */
  cellTimeoutSeconds?: number;
  /** Where progress lines go (default: nowhere). */
  log?: (line: string) => void;
  /** Date written into records (default: today, UTC). */
  today?: string;
  /**
   * Stops the run when aborted (the CLI aborts on SIGINT, SIGTERM and
   * SIGHUP): running notebooks are stopped with their kernels (and the
   * kernels' figure renderers and Chromium), none is started, nothing is
   * written, and `promote` rejects with `signal.reason` once every
   * notebook's processes have exited.
   */
  signal?: AbortSignal;
  /**
   * Execute every candidate notebook, fresh or not. Without it, a run on the
   * sample data executes only the notebooks of metrics whose record is stale
   * (`metricChanges`, the staleness rule of `promote --check`: notebook,
   * its committed outputs, module and its imports, toolkit, data, tool
   * versions) and logs the others as "skipped (fresh): …"; a run on other
   * data or a database executes them all.
   */
  all?: boolean;
  /**
   * Called once, before the first notebook executes, with the notebooks
   * that will (the CLI builds dist/ here, which notebooks import); not
   * called when none will. A rejection stops the run, writing nothing.
   */
  beforeExecuting?: (notebooks: readonly string[]) => Promise<void>;
}

/** The gate's decision on one metric. */
export interface Verdict {
  metric: string;
  ok: boolean;
  /** Repository-relative notebook path, when one publishes the metric. */
  notebook?: string;
  /** Why the metric was refused. */
  reason?: string;
  comparison?: Comparison;
  tolerance?: Tolerance;
  /** The record written (folder runs only: a database run writes none). */
  record?: PromotionRecord;
  /** Not executed: its record is fresh (ok, no comparison). */
  fresh?: boolean;
}

/** Refusal of the whole run (bad arguments, changed sample data): nothing is executed or written. */
export class GateError extends Error {
  override name = "GateError";
}

interface Candidate {
  metric: MetricDefinition;
  notebook: NotebookSource;
  modulePath: string;
}

/**
 * The promotion gate: executes each notebook that publishes a selected metric
 * (with the data directory injected into its `parameters` cell), runs the
 * registered modules on the same data, compares project by project, and
 * writes a record for each metric that agrees (promoted/<metric>.json, plus
 * the catalog), all at the end of the run, in one synchronous step: records
 * first, the catalog last (src/promote/write.ts). A refused metric keeps its
 * previous record. Resolves with one verdict per selected metric (and per
 * published metric with no module). Aborted through `options.signal`, it
 * stops the running notebooks, writes nothing and rejects with the signal's
 * reason.
 *
 * With `db` (a postgres:// URL) the data is the database's schema salic
 * instead of a folder: the URL is injected as each notebook's `dataDir`
 * (the toolkit's `loadPolars` reads it; the notebook must publish the
 * masked URL as its `data_dir`), the modules run on `loadDatabase(url)`
 * (read first: an unreachable server or a bad value refuses the run before
 * any notebook executes), and the verdicts compare the same way. A database
 * run writes NO promotion record and no catalog: records prove agreement on
 * the committed sample data, whose file hashes they pin and which
 * `promote --check` re-verifies without a server; a database has no such
 * fingerprint and changes under the records. Its ok verdicts carry no
 * `record`, and it logs "database run: compared, nothing recorded". The
 * sample manifest check applies only to folders. No message, log line or
 * verdict holds the URL's password.
 */
export async function promote(options: GateOptions): Promise<Verdict[]> {
  const root = resolve(options.root);
  const log = options.log ?? (() => undefined);
  const registry = options.registry ?? REGISTRY;
  if (options.db !== undefined && options.dataDir !== undefined) throw new GateError("give either a data directory or a database, not both");
  if (options.db !== undefined && !isDatabaseSource(options.db)) {
    throw new GateError(`the database must be a postgres:// URL, got ${maskDatabaseUrl(options.db)}`);
  }
  const source: DataSource =
    options.db !== undefined ? { kind: "db", url: options.db } : { kind: "dir", dir: resolve(root, options.dataDir ?? REPO_FOLDERS.samples) };
  const notebooksDir = resolve(root, options.notebooksDir ?? REPO_FOLDERS.notebooks);
  const selected = selectMetrics(registry, options.metrics);

  if (source.kind === "dir") {
    const changed = manifestProblems(source.dir);
    if (changed.length > 0) {
      throw new GateError(
        `sample data in ${rel(root, source.dir)} does not match its manifest:\n  ${changed.join("\n  ")}\n` +
          "Regenerate it with `npm run samples` (or restore the files) before promoting.",
      );
    }
  }

  const verdicts: Verdict[] = [];
  const publishers = findPublishers(root, notebooksDir);
  if (options.metrics === undefined) {
    for (const [metric, notebooks] of publishers) {
      if (registry.some((m) => m.id === metric)) continue;
      verdicts.push({ metric, ok: false, notebook: notebooks[0]!.path, reason: `${notebooks[0]!.path} publishes ${metric}, which has no module in the registry` });
    }
  }
  const candidates: Candidate[] = [];
  for (const metric of selected) {
    const refusal = (reason: string, notebook?: string) => verdicts.push({ metric: metric.id, ok: false, reason, notebook });
    const notebooks = publishers.get(metric.id) ?? [];
    if (notebooks.length === 0) {
      refusal(`no notebook in ${rel(root, notebooksDir)}/ publishes ${metric.id}`);
      continue;
    }
    const notebook = notebooks[0]!;
    if (notebooks.length > 1) {
      refusal(`${notebooks.length} notebooks publish ${metric.id} (${notebooks.map((n) => n.path).join(", ")}); expected one`);
      continue;
    }
    const modulePath = catalogModulePath(metric);
    if (!existsSync(resolve(root, modulePath))) {
      refusal(`the catalog names ${modulePath} as the module of ${metric.id}, but ${modulePath} does not exist`, notebook.path);
      continue;
    }
    const via = reachedSources(root, notebook).get(modulePath);
    if (via !== undefined) {
      refusal(`${notebook.path} imports "${via}", which reaches ${modulePath}: agreement with its own module proves nothing`, notebook.path);
      continue;
    }
    candidates.push({ metric, notebook, modulePath });
  }

  const { run: toRun, fresh } = freshness(root, source, candidates, registry, options.all === true);
  if (fresh.length > 0) {
    const byNotebook = new Map<string, string[]>();
    for (const c of fresh) byNotebook.set(c.notebook.path, [...(byNotebook.get(c.notebook.path) ?? []), c.metric.id]);
    log(`skipped (fresh): ${[...byNotebook].map(([path, ids]) => `${path} (${ids.join(", ")})`).join(", ")}`);
    for (const c of fresh) verdicts.push({ metric: c.metric.id, ok: true, notebook: c.notebook.path, fresh: true });
  }
  // What the on-disk notebooks show, read before any execution could change them.
  const committed = new Map(toRun.map((c) => [c.notebook.path, readResults(c.notebook.path, readNotebook(resolve(root, c.notebook.path)))]));
  if (toRun.length > 0) await options.beforeExecuting?.([...new Set(toRun.map((c) => c.notebook.path))]);
  options.signal?.throwIfAborted();

  let data: LoadedData | undefined;
  let published = new Map<string, Published>();
  if (source.kind === "db") {
    log(`database run on ${maskDatabaseUrl(source.url)}: notebooks and modules read schema salic; nothing is recorded`);
    data = await readDatabase(source.url);
    options.signal?.throwIfAborted();
    published = await executeAll(root, source, toRun, options, log);
  } else if (toRun.length > 0) {
    published = await executeAll(root, source, toRun, options, log);
    data = loadDataDir(source.dir);
  }
  const moduleValues = data === undefined ? new Map() : modulePerProject(scoreAll(data.tables, registry), toRun.map((c) => c.metric.id));

  for (const candidate of toRun) {
    const id = candidate.metric.id;
    const outcome = published.get(candidate.notebook.path)!;
    const base = { metric: id, notebook: candidate.notebook.path };
    if (typeof outcome === "string") {
      verdicts.push({ ...base, ok: false, reason: source.kind === "db" ? maskPassword(outcome, source.url) : outcome });
      continue;
    }
    const result = outcome.get(id);
    if (result === undefined) {
      verdicts.push({ ...base, ok: false, reason: `${candidate.notebook.path} ran but published no result for ${id}` });
      continue;
    }
    const expectedDir = canonicalDataDir(injectedDataDir(root, candidate.notebook.path, source));
    if (result.data_dir !== expectedDir) {
      verdicts.push({ ...base, ok: false, reason: `${candidate.notebook.path} published data_dir "${result.data_dir}", not the injected "${expectedDir}"` });
      continue;
    }
    const comparison = compareResults(result.projects, moduleValues.get(id)!, result.tolerance);
    if (!agrees(comparison)) {
      verdicts.push({ ...base, ok: false, reason: "notebook and module disagree", comparison, tolerance: result.tolerance });
      continue;
    }
    // A run on the committed parameters must reproduce what the committed file shows (GitHub's view), to the byte.
    if (expectedDir === committedDataDir(root, candidate.notebook.path)) {
      const differs = committedDifference(candidate.notebook.path, id, committed.get(candidate.notebook.path)!, result);
      if (differs !== undefined) {
        verdicts.push({ ...base, ok: false, reason: differs, comparison, tolerance: result.tolerance });
        continue;
      }
    }
    if (source.kind === "db") {
      verdicts.push({ ...base, ok: true, comparison, tolerance: result.tolerance });
      continue;
    }
    const record = buildRecord({ root, metric: id, notebook: candidate.notebook.path, modulePath: candidate.modulePath, dataDir: source.dir, files: data!.files, tolerance: result.tolerance, comparison, today: options.today });
    verdicts.push({ ...base, ok: true, comparison, tolerance: result.tolerance, record });
  }
  // Past this point the run writes, synchronously: a signal handler cannot run in between.
  options.signal?.throwIfAborted();
  if (source.kind === "dir") {
    const { damaged } = readRecords(root, registry.map((m) => m.id));
    for (const [id, message] of damaged) if (!verdicts.some((v) => v.metric === id && v.ok)) log(`damaged record, kept: ${message}`);
    writePromotion(root, registry, verdicts.flatMap((v) => (v.record !== undefined ? [v.record] : [])));
  } else log("database run: compared, nothing recorded");
  return verdicts.sort((a, b) => order(registry, a.metric) - order(registry, b.metric));
}

/** Where the gate's data comes from: a folder (absolute) or a database URL. */
type DataSource = { kind: "dir"; dir: string } | { kind: "db"; url: string };

/** The database's tables for the modules; what stops the run (no server, a bad value) as a GateError, masked. */
async function readDatabase(url: string): Promise<LoadedData> {
  try {
    return await loadDatabase(url);
  } catch (error) {
    if (error instanceof DatabaseError || error instanceof DataError) throw new GateError(maskPassword(error.message, url));
    throw error;
  }
}

function selectMetrics(registry: readonly MetricDefinition[], ids: readonly string[] | undefined): MetricDefinition[] {
  if (ids === undefined || ids.length === 0) return [...registry];
  return ids.map((id) => {
    const metric = registry.find((m) => m.id === id);
    if (metric === undefined) throw new GateError(`unknown metric "${id}"; registered: ${registry.map((m) => m.id).join(", ")}`);
    return metric;
  });
}

/**
 * Splits the candidates into those whose notebook executes and the fresh
 * ones: a notebook executes when `all`, off the sample data, or when any
 * metric it publishes among the candidates is stale.
 */
function freshness(root: string, source: DataSource, candidates: readonly Candidate[], registry: readonly MetricDefinition[], all: boolean): { run: Candidate[]; fresh: Candidate[] } {
  if (all || source.kind !== "dir" || source.dir !== resolve(root, REPO_FOLDERS.samples)) return { run: [...candidates], fresh: [] };
  const { records, damaged } = readRecords(root, registry.map((m) => m.id));
  const cache: StalenessCache = new Map();
  const stale = new Set(
    candidates.filter((c) => metricChanges(root, c.metric, records.get(c.metric.id), damaged.get(c.metric.id), cache).length > 0).map((c) => c.notebook.path),
  );
  return { run: candidates.filter((c) => stale.has(c.notebook.path)), fresh: candidates.filter((c) => !stale.has(c.notebook.path)) };
}

/** The `dataDir` the committed notebook's parameters cell assigns, canonical; undefined when it has none readable. */
function committedDataDir(root: string, path: string): string | undefined {
  try {
    const value = notebookParameters(readNotebook(resolve(root, path)))[DATA_DIR_PARAMETER];
    return typeof value === "string" ? canonicalDataDir(value) : undefined;
  } catch {
    return undefined;
  }
}

/** The data directory as the notebook's parameters cell spells it: relative to the notebook's folder. */
function notebookDataDir(root: string, notebookPath: string, dataDir: string): string {
  return repoRelative(resolve(root, notebookPath, ".."), dataDir);
}

/** The notebook's `dataDir` parameter: the folder relative to the notebook, or the database URL as given. */
function injectedDataDir(root: string, notebookPath: string, source: DataSource): string {
  return source.kind === "db" ? source.url : notebookDataDir(root, notebookPath, source.dir);
}


/** Executes each candidate notebook once, `concurrency` at a time: its published results, or why it failed. */
async function executeAll(
  root: string,
  source: DataSource,
  candidates: readonly Candidate[],
  options: GateOptions,
  log: (line: string) => void,
): Promise<Map<string, Published>> {
  const paths = [...new Set(candidates.map((c) => c.notebook.path))];
  const signal = options.signal;
  signal?.throwIfAborted();
  // Tasks never reject, so that the pool settles only once every started driver has exited.
  const outcomes = await runPool(paths, Math.max(1, options.concurrency ?? 2), async (path, index): Promise<Published> => {
    if (signal?.aborted) return "not started: the run was stopped";
    const tag = `[${index + 1}/${paths.length}] ${path}`;
    log(`${tag}: running`);
    const started = Date.now();
    try {
      const executed = await executeNotebook(resolve(root, path), {
        parameters: { [DATA_DIR_PARAMETER]: injectedDataDir(root, path, source) },
        cellTimeoutSeconds: options.cellTimeoutSeconds ?? DEFAULT_CELL_TIMEOUT_SECONDS,
        ...(signal !== undefined ? { signal } : {}),
      });
      const results = readResults(path, executed.notebook);
      log(`${tag}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return results;
    } catch (error) {
      if (signal?.aborted) {
        log(`${tag}: stopped after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return "stopped";
      }
      log(`${tag}: FAILED after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return executionFailure(error);
    }
  });
  signal?.throwIfAborted();
  return new Map(paths.map((path, i) => [path, outcomes[i]!]));
}

function executionFailure(error: unknown): string {
  if (!(error instanceof NotebookExecutionError)) return error instanceof Error ? error.message : String(error);
  const parts = [error.message];
  if (error.stderr.trim() !== "" && !error.message.includes(error.stderr.trim())) parts.push(`stderr:\n${error.stderr.trim()}`);
  return parts.join("\n");
}

function order(registry: readonly MetricDefinition[], id: string): number {
  const i = registry.findIndex((m) => m.id === id);
  return i < 0 ? registry.length : i;
}

function rel(root: string, path: string): string {
  return isAbsolute(path) ? repoRelative(root, path) : path;
}
