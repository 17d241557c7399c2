/**
 * Promotion records, promoted/<metric>.json: what one is, how the gate builds
 * it from a passing comparison, and how records are read and written (in
 * canonical JSON, so identical inputs give identical bytes).
 *
 * @module
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { notebookSourceHash } from "../jupyter/canonical.js";
import { stringifySorted } from "../jupyter/json.js";
import { readNotebook } from "../jupyter/types.js";
import type { MetricId } from "../metrics/catalog.js";
import { PROMOTED_DIR, PromotionRecordError, promotionRecordPath, readPromotionRecord } from "./record-file.js";
import { writeFileAtomic } from "../util/atomic.js";
import { packageVersion, repoRelative } from "../util/paths.js";
import type { Comparison, Tolerance } from "./compare.js";
import { hashSource, localDependencies, type SourceHash } from "./sources.js";
import { reachedSources, readNotebookSource } from "./notebook-source.js";
import { publishedResultsHash } from "./published.js";
import { byCodeUnit } from "../util/order.js";

/** promoted/<metric>.json: the proof that a notebook and its module agreed on the sample data. */
export interface PromotionRecord {
  metric: MetricId;
  verdict: "pass";
  /**
   * The notebook: its source's hash, the project files its imports reach
   * (the toolkit, src/notebook/** and what it imports) and the sha256 of the
   * results its committed outputs publish (`publishedResultsHash`). Records
   * written before these were tracked have neither, and are stale.
   */
  notebook: SourceHash & { deps?: SourceHash[]; published_sha256?: string };
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
    notebook: {
      ...notebookHash(input.root, input.notebook),
      deps: notebookDependencies(input.root, input.notebook),
      published_sha256: publishedResultsHash(input.root, input.notebook),
    },
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

/** The project source files a notebook's imports reach (the toolkit and what it imports), hashed, by path. */
export function notebookDependencies(root: string, path: string): SourceHash[] {
  return [...reachedSources(root, readNotebookSource(root, resolve(root, path))).keys()]
    .filter((file) => existsSync(resolve(root, file)))
    .sort(byCodeUnit)
    .map((file) => hashSource(root, file));
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

/** What promoted/<id>.json holds: nothing, a well-formed record, or a damaged file and the line naming it. */
export type RecordRead =
  | { kind: "missing" }
  | { kind: "ok"; record: PromotionRecord }
  | { kind: "damaged"; message: string };

/**
 * Reads promoted/<id>.json under `root`, checked field by field (see
 * record-shape.ts): a damaged file is a value naming it
 * (`promoted/<id>.json: field compared must be a number, found "3" — rerun npm run promote -- <id>`), never a throw.
 */
export function readRecord(root: string, id: string): RecordRead {
  try {
    const record = readPromotionRecord(root, id, `${PROMOTED_DIR}/${id}.json`);
    return record === undefined ? { kind: "missing" } : { kind: "ok", record: record as unknown as PromotionRecord };
  } catch (error) {
    if (error instanceof PromotionRecordError) return { kind: "damaged", message: error.message };
    throw error;
  }
}

/** The well-formed records of metrics `ids` under `root`, keyed by metric, and the damaged ones' messages. */
export function readRecords(root: string, ids: readonly string[]): { records: Map<string, PromotionRecord>; damaged: Map<string, string> } {
  const records = new Map<string, PromotionRecord>();
  const damaged = new Map<string, string>();
  for (const id of ids) {
    const read = readRecord(root, id);
    if (read.kind === "ok") records.set(id, read.record);
    else if (read.kind === "damaged") damaged.set(id, read.message);
  }
  return { records, damaged };
}

/** Whether two records differ only in their date (a re-promotion that changed nothing keeps the earlier file). */
export function sameButDate(a: PromotionRecord, b: PromotionRecord): boolean {
  return canonicalJson({ ...a, date: "" }) === canonicalJson({ ...b, date: "" });
}

/**
 * Writes a record atomically. A re-promotion that changes nothing but the
 * date keeps the earlier file, so re-running the gate leaves git clean; a
 * damaged earlier file is replaced. (The gate writes its records and the
 * catalog together with `writePromotion`, src/promote/write.ts.)
 */
export function writeRecord(root: string, record: PromotionRecord): void {
  const path = promotionRecordPath(root, record.metric);
  mkdirSync(dirname(path), { recursive: true });
  const previous = readRecord(root, record.metric);
  if (previous.kind === "ok" && sameButDate(previous.record, record)) return;
  writeFileAtomic(path, canonicalJson(record));
}

/** JSON with keys sorted by code point at every level, 2-space indent, trailing newline. */
export function canonicalJson(value: unknown): string {
  return `${stringifySorted(value, 2)}\n`;
}
