import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { hashFile } from "../data/hash.js";
import { promotionRecordPath } from "./record-file.js";
import type { MetricDefinition } from "../metrics/types.js";
import { repoRelative } from "../util/paths.js";
import { catalogPath, catalogRow, MUTANTS_FILE, readMutants, renderCatalog } from "./catalog.js";
import { PROMOTED_DIR } from "./record-file.js";
import { notebookDependencies, notebookHash, readRecords, toolVersions, type PromotionRecord } from "./record.js";
import { publishedResultsHash } from "./published.js";
import { byCodeUnit } from "../util/order.js";
import { catalogModulePath, hashSource, localDependencies } from "./sources.js";

/** One metric whose promotion no longer holds, and what changed. */
export interface Staleness {
  metric: string;
  changes: string[];
}

/**
 * The staleness check (`npm run promote -- --check`): for every registered
 * metric, its record must exist, be well-formed (a damaged file is named
 * with what is wrong, never a crash), name the module the catalog names,
 * and its notebook, module (with the code it imports) and data must hash as
 * they did when promoted. Nothing is executed.
 * The generated catalog must match the records too, row by row: a metric
 * whose row differs from its record is named (what a run killed between
 * writing a record and the catalog leaves), so that the re-promotion
 * command lists exactly the metrics to redo.
 */
export function checkRecords(root: string, registry: readonly MetricDefinition[]): Staleness[] {
  const { records, damaged } = readRecords(root, registry.map((m) => m.id));
  const catalog = catalogPath(root);
  const shownCatalog = repoRelative(root, catalog);
  const catalogText = existsSync(catalog) ? readFileSync(catalog, "utf8") : undefined;
  const catalogLines = new Set(catalogText?.split("\n") ?? []);
  const mutants = readMutants(root);
  const stale: Staleness[] = [];
  const cache: StalenessCache = new Map();
  let rowsExplain = damaged.size > 0; // a damaged record's row cannot be checked: it is named anyway
  for (const metric of registry) {
    const record = records.get(metric.id);
    const problem = damaged.get(metric.id);
    const changes = metricChanges(root, metric, record, problem, cache);
    if (problem === undefined && catalogText !== undefined && !catalogLines.has(catalogRow(metric, record, mutants))) {
      rowsExplain = true;
      const mutantsToo = mutants !== undefined ? ` and ${PROMOTED_DIR}/${MUTANTS_FILE}` : "";
      changes.push(`its row in ${shownCatalog} does not match ${record === undefined ? "its missing record" : `its record ${repoRelative(root, promotionRecordPath(root, metric.id))}`}${mutantsToo}`);
    }
    if (changes.length > 0) stale.push({ metric: metric.id, changes });
  }
  if (catalogText === undefined) {
    stale.push({ metric: "(generated)", changes: [`${shownCatalog} is missing`] });
  } else if (!rowsExplain && catalogText !== renderCatalog(registry, records, mutants)) {
    const from = mutants !== undefined ? ` and ${PROMOTED_DIR}/${MUTANTS_FILE}` : "";
    stale.push({ metric: "(generated)", changes: [`${shownCatalog} does not match the records${from}`] });
  }
  return stale;
}

/**
 * Why metric's promotion no longer holds, given its record as read (or its
 * damaged record's message): empty when it is fresh. The one staleness rule
 * of `--check` and of the gate, which re-executes only the notebooks of
 * stale metrics.
 */
export function metricChanges(
  root: string,
  metric: Pick<MetricDefinition, "id" | "module">,
  record: PromotionRecord | undefined,
  damaged?: string,
  cache: StalenessCache = new Map(),
): string[] {
  if (damaged !== undefined) return [damaged];
  if (record === undefined) return [`no promotion record (${repoRelative(root, promotionRecordPath(root, metric.id))})`];
  const changes = recordChanges(root, record, cache);
  const module = catalogModulePath(metric);
  if (record.module.path !== module) changes.unshift(`the catalog names ${module} as the module, the record ${record.module.path}`);
  return changes;
}

/**
 * What one staleness pass has already hashed, by kind and path: records
 * share notebooks, module dependencies and data files, and a fresh
 * `npm run promote` must decide in well under a second.
 */
export type StalenessCache = Map<string, unknown>;

function once<T>(cache: StalenessCache, key: string, compute: () => T): T {
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as T;
}

/** What differs between a record and the files it names. */
export function recordChanges(root: string, record: PromotionRecord, cache: StalenessCache = new Map()): string[] {
  const changes: string[] = [];
  const changedFile = (path: string, expected: string, actual: () => string, what: string) => {
    if (!existsSync(resolve(root, path))) return changes.push(`${what} ${path} no longer exists`);
    let now: string;
    try {
      now = actual();
    } catch (error) {
      return changes.push(`${what} ${path} cannot be read: ${(error as Error).message}`);
    }
    if (now !== expected) changes.push(`${what} ${path} changed`);
  };
  changedFile(record.notebook.path, record.notebook.sha256, () => once(cache, `notebook:${record.notebook.path}`, () => notebookHash(root, record.notebook.path).sha256), "notebook");
  changedFile(record.module.path, record.module.sha256, () => once(cache, `source:${record.module.path}`, () => hashSource(root, record.module.path).sha256), "module");
  if (existsSync(resolve(root, record.module.path))) {
    const now = new Map(once(cache, `imports:${record.module.path}`, () => localDependencies(root, record.module.path)).map((d) => [d.path, d.sha256]));
    const then = new Map(record.module.deps.map((d) => [d.path, d.sha256]));
    for (const [path, sha] of then) {
      if (!now.has(path)) changes.push(`module dependency ${path} is no longer imported`);
      else if (now.get(path) !== sha) changes.push(`module dependency ${path} changed`);
    }
    for (const path of now.keys()) if (!then.has(path)) changes.push(`module now also imports ${path}`);
  }
  const notebookThere = existsSync(resolve(root, record.notebook.path));
  if (record.notebook.deps === undefined || record.notebook.published_sha256 === undefined) {
    changes.push("the record predates tracking the notebook's toolkit files and committed outputs");
  } else if (notebookThere) {
    changedFile(record.notebook.path, record.notebook.published_sha256, () => once(cache, `published:${record.notebook.path}`, () => publishedResultsHash(root, record.notebook.path)), "the results published in the committed outputs of notebook");
    let now: Map<string, string> | undefined;
    try {
      now = new Map(once(cache, `toolkit:${record.notebook.path}`, () => notebookDependencies(root, record.notebook.path)).map((d) => [d.path, d.sha256]));
    } catch {
      now = undefined; // the notebook cannot be read: said above
    }
    if (now !== undefined) {
      const then = new Map(record.notebook.deps.map((d) => [d.path, d.sha256]));
      for (const [path, sha] of then) {
        if (!now.has(path)) changes.push(`toolkit file ${path} is no longer imported by the notebook`);
        else if (now.get(path) !== sha) changes.push(`toolkit file ${path} changed`);
      }
      for (const path of now.keys()) if (!then.has(path)) changes.push(`the notebook now also imports ${path}`);
    }
  }
  for (const [file, sha] of Object.entries(record.data.files)) {
    const path = join(record.data.dir, file);
    changedFile(path, sha, () => once(cache, `file:${path}`, () => hashFile(resolve(root, path))), "data file");
  }
  const versions = once(cache, "versions", () => toolVersions(root));
  for (const tool of [...new Set([...Object.keys(record.versions), ...Object.keys(versions)])].sort(byCodeUnit)) {
    const then = record.versions[tool];
    const now = versions[tool];
    if (then !== now) changes.push(`${tool} was ${then ?? "not recorded"} when promoted, now ${now ?? "not found"}`);
  }
  return changes;
}
