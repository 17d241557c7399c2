import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { join, resolve } from "node:path";
import type { MetricDefinition } from "../metrics/types.js";
import { publishDirectory, temporarySibling } from "../util/atomic.js";
import { ENTRY_FILES } from "./entry.js";
import { cacheKey, forgetStats, hashDataFiles } from "./fingerprint.js";
import { openStore, type ProjectStore } from "./store.js";
import { codeVersion } from "./version.js";

/** Options of {@link openCachedStore}. */
export interface CacheOptions {
  dataDir: string;
  cacheDir: string;
  metrics: readonly MetricDefinition[];
  log: (line: string) => void;
  /** Cache entries kept besides the one opened, most recently used first (default 3). */
  keep?: number;
  /** Identifies the code computing the results (default {@link codeVersion}; tests pin it). */
  codeVersion?: string;
}

/** A store and how it was obtained. */
export interface CachedStore {
  store: ProjectStore;
  /** True when the entry existed; false when the data was scored on this start. */
  hit: boolean;
}

/**
 * Opens the results of `dataDir`, computing them with the promoted modules
 * only when no cache entry matches the data's sha256, the metrics and the
 * code. A new entry is written into a temporary folder and renamed into
 * place, so a crash never leaves a half-written entry; a damaged entry is
 * rebuilt. Old entries beyond `keep` are removed, least recently used first.
 *
 * @throws Error when `dataDir` holds no table file; DataError from the loaders.
 */
export async function openCachedStore(options: CacheOptions): Promise<CachedStore> {
  const dataDir = resolve(options.dataDir);
  if (!existsSync(dataDir)) throw new Error(`data directory ${dataDir} does not exist`);
  mkdirSync(options.cacheDir, { recursive: true });
  const statIndex = join(options.cacheDir, "stat-index.json");
  const files = hashDataFiles(dataDir, statIndex);
  if (Object.keys(files).length === 0) {
    throw new Error(`no Salic table in ${dataDir}: expected planilha_projetos.csv and the other tables (.csv or .parquet)`);
  }
  const metricIds = options.metrics.map((metric) => metric.id);
  const code = options.codeVersion ?? codeVersion();
  const keyOf = (hashes: Readonly<Record<string, string>>) => cacheKey(hashes, metricIds, code);
  const key = keyOf(files);
  let entry = join(options.cacheDir, key);
  let hit = existsSync(join(entry, ENTRY_FILES.meta));
  let store: ProjectStore | undefined;
  if (hit) {
    try {
      store = await openStore(entry);
    } catch (error) {
      options.log(`salic-ml: cache entry ${key.slice(0, 12)} is unreadable (${(error as Error).message}); recomputing`);
      rmSync(entry, { recursive: true, force: true });
      hit = false;
    }
  }
  if (store === undefined) {
    options.log(`salic-ml: scoring ${dataDir} (no cache entry for this data, metrics and code yet)`);
    const temp = temporarySibling(entry);
    mkdirSync(temp);
    try {
      const { buildEntry } = await import("./build.js");
      const meta = buildEntry({ dataDir, metrics: options.metrics, files, keyOf }, temp);
      const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      options.log(
        `salic-ml: scored ${meta.projects} projects in ${seconds(meta.build_ms)} ` +
          `(load ${seconds(meta.steps_ms.load)}, metrics ${seconds(meta.steps_ms.score)}, projects and cache entry ${seconds(meta.steps_ms.entry)})`,
      );
      const reread = Object.keys(meta.files).filter((name) => meta.files[name] !== files[name]);
      if (reread.length > 0) {
        options.log(`salic-ml: ${reread.join(", ")} changed after hashing; the results are those of the bytes read`);
        forgetStats(dataDir, reread, statIndex);
      }
      entry = join(options.cacheDir, meta.key);
      publishEntry(temp, entry);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
    store = await openStore(entry);
  }
  const now = new Date();
  utimesSync(entry, now, now);
  pruneEntries(options.cacheDir, entry, options.keep ?? 3);
  return { store, hit };
}

// Another process may have published the same entry meanwhile: identical
// content by construction, so a complete one (with its meta.json) is kept.
function publishEntry(temp: string, entry: string): void {
  publishDirectory(temp, entry, (existing) => existsSync(join(existing, ENTRY_FILES.meta)));
}

// National-scale entries weigh hundreds of MB, so only a few are kept.
function pruneEntries(cacheDir: string, current: string, keep: number): void {
  const others = readdirSync(cacheDir)
    .filter((name) => /^[0-9a-f]{64}$/.test(name))
    .map((name) => join(cacheDir, name))
    .filter((dir) => dir !== current)
    .map((dir) => ({ dir, used: statSync(dir).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const { dir } of others.slice(keep)) rmSync(dir, { recursive: true, force: true });
  // Temporary folders of builds whose process died (crash, kill -9).
  for (const name of readdirSync(cacheDir)) {
    const pid = /^\.[0-9a-f]{64}\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) rmSync(join(cacheDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
