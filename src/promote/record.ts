import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stringifySorted } from "../jupyter/json.js";
import { writeFileAtomic } from "../util/atomic.js";
import type { Tolerance } from "./compare.js";
import type { SourceHash } from "./sources.js";

/** promoted/<metric>.json: the proof that a notebook and its module agreed on the sample data. */
export interface PromotionRecord {
  metric: string;
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

/** The folder holding the records. */
export function recordsDir(root: string): string {
  return join(root, "promoted");
}

/** Reads every record of promoted/, keyed by metric. */
export function readRecords(root: string): Map<string, PromotionRecord> {
  const dir = recordsDir(root);
  const records = new Map<string, PromotionRecord>();
  if (!existsSync(dir)) return records;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    let record: PromotionRecord;
    try {
      record = JSON.parse(readFileSync(join(dir, file), "utf8")) as PromotionRecord;
    } catch (error) {
      throw new Error(`promoted/${file} is not valid JSON (${(error as Error).message}); restore it from git or re-promote`);
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
  mkdirSync(recordsDir(root), { recursive: true });
  const path = join(recordsDir(root), `${record.metric}.json`);
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
