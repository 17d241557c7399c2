/**
 * Promotion records, promoted/<metric>.json: what one is, how the gate builds
 * it from a passing comparison, and how records are read and written (in
 * canonical JSON, so identical inputs give identical bytes).
 *
 * @module
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { notebookSourceHash } from "../jupyter/canonical.js";
import { stringifySorted } from "../jupyter/json.js";
import { readNotebook } from "../jupyter/types.js";
import type { MetricId } from "../metrics/catalog.js";
import { PROMOTED_DIR, promotionRecordPath } from "../metrics/promoted.js";
import { writeFileAtomic } from "../util/atomic.js";
import { byCodeUnit } from "../util/order.js";
import { packageVersion, repoRelative } from "../util/paths.js";
import type { Comparison, Tolerance } from "./compare.js";
import { hashSource, localDependencies, type SourceHash } from "./sources.js";

/** promoted/<metric>.json: the proof that a notebook and its module agreed on the sample data. */
export interface PromotionRecord {
  metric: MetricId;
  verdict: "pass";
  notebook: SourceHash;
  module: SourceHash & { deps: SourceHash[] };
  /** Data directory (relative to the repository) and sha256 of each file the module read. */
  data: { dir: string; files: Record<string, string> };
  tolerance: Tolerance;
  compared: number;
  max_abs_diff: number;
  max_rel_diff: number;
  versions: Record<string, string>;
  /** Day of promotion (YYYY-MM-DD). */
  date: string;
}

/** What `buildRecord` needs from a passing comparison. */
export interface RecordInput {
  root: string;
  metric: MetricId;
  notebook: string;
  modulePath: string;
  dataDir: string;
  files: Readonly<Record<string, string>>;
  tolerance: Tolerance;
  comparison: Comparison;
  today?: string;
}

/** The promotion record of a metric whose notebook and module agreed. */
export function buildRecord(input: RecordInput): PromotionRecord {
  return {
    metric: input.metric,
    verdict: "pass",
    notebook: notebookHash(input.root, input.notebook),
    module: { ...hashSource(input.root, input.modulePath), deps: localDependencies(input.root, input.modulePath) },
    data: { dir: repoRelative(input.root, input.dataDir), files: { ...input.files } },
    tolerance: input.tolerance,
    compared: input.comparison.compared,
    max_abs_diff: input.comparison.maxAbsDiff,
    max_rel_diff: input.comparison.maxRelDiff,
    versions: toolVersions(input.root),
    date: input.today ?? new Date().toISOString().slice(0, 10),
  };
}

/** A notebook's path and the sha256 of its canonical source (cells' code and markdown, not outputs). */
export function notebookHash(root: string, path: string): SourceHash {
  return { path, sha256: notebookSourceHash(readNotebook(resolve(root, path))) };
}

/** Versions of what produced a record: Node, tslab, nodejs-polars and the project. */
export function toolVersions(root: string): Record<string, string> {
  return {
    node: process.version,
    "nodejs-polars": packageVersion(join(root, "node_modules", "nodejs-polars")),
    "salic-ml": packageVersion(root),
    tslab: packageVersion(join(root, "node_modules", "tslab")),
  };
}

/** Reads every record of promoted/, keyed by metric. */
export function readRecords(root: string): Map<string, PromotionRecord> {
  const dir = join(root, PROMOTED_DIR);
  const records = new Map<string, PromotionRecord>();
  if (!existsSync(dir)) return records;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort(byCodeUnit)) {
    let record: PromotionRecord;
    try {
      record = JSON.parse(readFileSync(join(dir, file), "utf8")) as PromotionRecord;
    } catch (error) {
      throw new Error(`${PROMOTED_DIR}/${file} is not valid JSON (${(error as Error).message}); restore it from git or re-promote`);
    }
    records.set(record.metric, record);
  }
  return records;
}

/**
 * Writes a record atomically. A re-promotion that changes nothing but the
 * date keeps the earlier file, so re-running the gate leaves git clean.
 */
export function writeRecord(root: string, record: PromotionRecord): void {
  const path = promotionRecordPath(root, record.metric);
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path)) {
    const previous = JSON.parse(readFileSync(path, "utf8")) as PromotionRecord;
    if (canonicalJson({ ...previous, date: "" }) === canonicalJson({ ...record, date: "" })) return;
  }
  writeFileAtomic(path, canonicalJson(record));
}

/** JSON with keys sorted by code point at every level, 2-space indent, trailing newline. */
export function canonicalJson(value: unknown): string {
  return `${stringifySorted(value, 2)}\n`;
}
