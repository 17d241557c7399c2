import { existsSync, readFileSync, statSync, type Stats } from "node:fs";
import { join, resolve } from "node:path";
import { createHash } from "node:crypto";
import { hashFile } from "../data/hash.js";
import { TABLE_NAMES } from "../data/schema.js";
import { writeFileAtomic } from "../util/atomic.js";

/** What the stat index remembers of a file whose sha256 it knows. */
interface StatEntry {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  sha256: string;
}

const STAT_INDEX_VERSION = 1;

/** The table files a data directory holds (`<table>.csv` and `<table>.parquet`), by name. */
export function tableFiles(dataDir: string): string[] {
  const names: string[] = [];
  for (const table of TABLE_NAMES) {
    for (const name of [`${table}.csv`, `${table}.parquet`]) if (existsSync(join(dataDir, name))) names.push(name);
  }
  return names.sort();
}

/**
 * The sha256 of each table file of `dataDir`, keyed by file name.
 *
 * Hashing a national-scale export (~1 GB) takes seconds, too long for a
 * restart that must serve within one. So a stat index at `indexPath` maps each
 * file's absolute path, size, mtime, ctime and inode to the sha256 computed
 * last time, and only files whose stat changed are hashed again. The
 * trade-off: a file rewritten in place with the same size while both its
 * mtime and ctime come back unchanged would be missed; ctime cannot be set
 * from user space, so that takes a clock change or a raw disk write, not an
 * editor, a copy or a download.
 */
export function hashDataFiles(dataDir: string, indexPath: string): Record<string, string> {
  const index = readStatIndex(indexPath);
  const hashes: Record<string, string> = {};
  let changed = false;
  for (const name of tableFiles(dataDir)) {
    const path = resolve(dataDir, name);
    const stat = statSync(path);
    const known = index[path];
    if (known !== undefined && sameStat(known, stat)) {
      hashes[name] = known.sha256;
      continue;
    }
    const sha256 = hashFile(path);
    index[path] = { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino, sha256 };
    hashes[name] = sha256;
    changed = true;
  }
  for (const path of Object.keys(index)) {
    if (!existsSync(path)) {
      delete index[path];
      changed = true;
    }
  }
  if (changed) writeFileAtomic(indexPath, JSON.stringify({ version: STAT_INDEX_VERSION, files: index }));
  return hashes;
}

/**
 * Drops what the stat index knows of some files of `dataDir`, so the next
 * start hashes them again (used when the loaders read other bytes than the
 * ones hashed: a file changed meanwhile, or the index was wrong).
 */
export function forgetStats(dataDir: string, names: readonly string[], indexPath: string): void {
  const index = readStatIndex(indexPath);
  for (const name of names) delete index[resolve(dataDir, name)];
  writeFileAtomic(indexPath, JSON.stringify({ version: STAT_INDEX_VERSION, files: index }));
}

function sameStat(known: StatEntry, stat: Stats): boolean {
  return (
    known.size === stat.size && known.mtimeMs === stat.mtimeMs && known.ctimeMs === stat.ctimeMs && known.ino === stat.ino
  );
}

// An unreadable or foreign index only costs a re-hash, so it is dropped, not reported.
function readStatIndex(indexPath: string): Record<string, StatEntry> {
  try {
    const parsed = JSON.parse(readFileSync(indexPath, "utf8")) as { version?: number; files?: Record<string, StatEntry> };
    if (parsed.version === STAT_INDEX_VERSION && parsed.files !== undefined) return parsed.files;
  } catch {
    // missing or corrupt: start afresh
  }
  return {};
}

/**
 * The cache key of a data set as served: sha256 over the source's fingerprint
 * (a folder's file sha256s, a database's table states), the metrics' ids (in
 * order), the code version (cache format, package version and a hash of the
 * code that computes and shapes the results) and, for a database, its
 * identity (its masked URL: table states of two databases could coincide).
 */
export function cacheKey(
  files: Readonly<Record<string, string>>,
  metricIds: readonly string[],
  codeVersion: string,
  identity?: string,
): string {
  const sorted = Object.keys(files)
    .sort()
    .map((name) => [name, files[name]]);
  const key = identity === undefined ? { files: sorted, metrics: metricIds, code: codeVersion } : { source: identity, files: sorted, metrics: metricIds, code: codeVersion };
  return createHash("sha256").update(JSON.stringify(key)).digest("hex");
}

/** The cache key of a build's fingerprint, with its metrics, code and source identity (see BuildJob). */
export function jobKey(
  job: { metricIds: readonly string[]; code: string; identity: string | undefined },
  files: Readonly<Record<string, string>>,
): string {
  return cacheKey(files, job.metricIds, job.code, job.identity);
}
