import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { hashFile } from "../data/hash.js";
import { promotionRecordPath } from "./record-file.js";
import type { MetricDefinition } from "../metrics/types.js";
import { repoRelative } from "../util/paths.js";
import { catalogPath, catalogRow, renderCatalog } from "./catalog.js";
import { notebookHash, readRecords, type PromotionRecord } from "./record.js";
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
  const stale: Staleness[] = [];
  let rowsExplain = damaged.size > 0; // a damaged record's row cannot be checked: it is named anyway
  for (const metric of registry) {
    const record = records.get(metric.id);
    const problem = damaged.get(metric.id);
    const changes =
      problem !== undefined
        ? [problem]
        : record === undefined
          ? [`no promotion record (${repoRelative(root, promotionRecordPath(root, metric.id))})`]
          : recordChanges(root, record);
    const module = catalogModulePath(metric);
    if (record !== undefined && record.module.path !== module) {
      changes.unshift(`the catalog names ${module} as the module, the record ${record.module.path}`);
    }
    if (problem === undefined && catalogText !== undefined && !catalogLines.has(catalogRow(metric, record))) {
      rowsExplain = true;
      changes.push(`its row in ${shownCatalog} does not match ${record === undefined ? "its missing record" : `its record ${repoRelative(root, promotionRecordPath(root, metric.id))}`}`);
    }
    if (changes.length > 0) stale.push({ metric: metric.id, changes });
  }
  if (catalogText === undefined) {
    stale.push({ metric: "(generated)", changes: [`${shownCatalog} is missing`] });
  } else if (!rowsExplain && catalogText !== renderCatalog(registry, records)) {
    stale.push({ metric: "(generated)", changes: [`${shownCatalog} does not match the records`] });
  }
  return stale;
}

/** What differs between a record and the files it names. */
export function recordChanges(root: string, record: PromotionRecord): string[] {
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
  changedFile(record.notebook.path, record.notebook.sha256, () => notebookHash(root, record.notebook.path).sha256, "notebook");
  changedFile(record.module.path, record.module.sha256, () => hashSource(root, record.module.path).sha256, "module");
  if (existsSync(resolve(root, record.module.path))) {
    const now = new Map(localDependencies(root, record.module.path).map((d) => [d.path, d.sha256]));
    const then = new Map(record.module.deps.map((d) => [d.path, d.sha256]));
    for (const [path, sha] of then) {
      if (!now.has(path)) changes.push(`module dependency ${path} is no longer imported`);
      else if (now.get(path) !== sha) changes.push(`module dependency ${path} changed`);
    }
    for (const path of now.keys()) if (!then.has(path)) changes.push(`module now also imports ${path}`);
  }
  for (const [file, sha] of Object.entries(record.data.files)) {
    const path = join(record.data.dir, file);
    changedFile(path, sha, () => hashFile(resolve(root, path)), "data file");
  }
  return changes;
}
