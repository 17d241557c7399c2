/**
 * How the gate writes what a run promoted: its records and the catalog, as
 * one step at the end of the run.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeFilesAtomic } from "../util/atomic.js";
import { CATALOG_FILE, readMutants, renderCatalog, type CatalogRow } from "./catalog.js";
import { PROMOTED_DIR } from "./record-file.js";
import { canonicalJson, readRecords, sameButDate, type PromotionRecord } from "./record.js";

/** One file of promoted/ to write: its name there and its content. */
export interface PlannedFile {
  name: string;
  content: string;
}

/**
 * The files `writePromotion` writes, in its order: each record that changed
 * (in registry order; a re-promotion that changes nothing but the date keeps
 * the earlier file, a damaged earlier file is replaced), then the catalog,
 * rendered from the records promoted/ will hold — the earlier well-formed
 * ones with these in their place.
 */
export function planPromotion(root: string, registry: readonly CatalogRow[], promoted: readonly PromotionRecord[]): PlannedFile[] {
  const { records } = readRecords(root, registry.map((m) => m.id));
  const planned: PlannedFile[] = [];
  for (const metric of registry) {
    const record = promoted.find((r) => r.metric === metric.id);
    if (record === undefined) continue;
    const previous = records.get(metric.id);
    if (previous !== undefined && sameButDate(previous, record)) continue;
    records.set(metric.id, record);
    planned.push({ name: `${metric.id}.json`, content: canonicalJson(record) });
  }
  planned.push({ name: CATALOG_FILE, content: renderCatalog(registry, records, readMutants(root)) });
  return planned;
}

/**
 * Writes the records of a run and the catalog: every file is first written
 * whole into a temporary folder beside promoted/, then renamed into it,
 * records first and the catalog last (src/util/atomic.ts writeFilesAtomic).
 * A failure before the renames leaves promoted/ as it was. A process killed
 * during the renames (SIGKILL; the gate's signal handlers cannot run in this
 * synchronous step) leaves whole files only: some records new, the catalog
 * not yet; `promote --check` then names exactly the metrics whose catalog
 * row no longer matches their record. Returns the names written.
 */
export function writePromotion(root: string, registry: readonly CatalogRow[], promoted: readonly PromotionRecord[]): string[] {
  const planned = planPromotion(root, registry, promoted);
  writeFilesAtomic(join(root, PROMOTED_DIR), (tmp) => {
    for (const file of planned) writeFileSync(join(tmp, file.name), file.content);
    return planned;
  });
  return planned.map((f) => f.name);
}
