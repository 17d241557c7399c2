import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { maskPassword } from "../db/url.js";
import { promotedMetricIds } from "../metrics/promoted-ids.js";
import type { MetricDefinition } from "../metrics/types.js";
import { publishDirectory, temporarySibling } from "../util/atomic.js";
import { isAlive } from "../util/process.js";
import type { BuildJob } from "./build.js";
import { jobKey } from "./fingerprint.js";
import { ENTRY_FILES, type EntryMeta } from "./entry.js";
import { folderSource, type ServeSource } from "./source.js";
import { openStore, type ProjectStore } from "./store.js";
import { codeVersion } from "./version.js";
import { buildInWorker, type StoreOutcome, type WorkerBuild } from "./worker.js";

/**
 * The metrics a cache entry holds: "promoted" (those with a passing record,
 * computed by the registry's modules, which load only when something is
 * scored), or definitions given by the caller (tests).
 */
export type ServedMetrics = "promoted" | readonly MetricDefinition[];

/** The ids of `metrics`, in order: what keys an entry. */
export function servedMetricIds(metrics: ServedMetrics): readonly string[] {
  return metrics === "promoted" ? promotedMetricIds() : metrics.map((metric) => metric.id);
}

/** Options of {@link openCachedStore}. */
export interface CacheOptions {
  /** A folder of table files (shorthand for `source: folderSource(dataDir, cacheDir)`). */
  dataDir?: string;
  /** What to serve (see source.ts); exactly one of `dataDir` and `source`. */
  source?: ServeSource;
  cacheDir: string;
  metrics: ServedMetrics;
  log: (line: string) => void;
  /** Cache entries kept besides the one opened, most recently used first (default 3). */
  keep?: number;
  /** Identifies the code computing the results (default {@link codeVersion}; tests pin it). */
  codeVersion?: string;
  /** The source's fingerprint when the caller has just read it (the watcher); default: read it now. */
  fingerprint?: Record<string, string>;
  /**
   * Score a missing entry in a build worker process (default true, see
   * worker.ts). Its memory (the frames, the run: gigabytes at national scale)
   * goes back to the system when it exits, where scoring in this process
   * would keep it at its peak for its whole life; the watcher also needs it
   * so requests are answered meanwhile. Metrics that are not the registry's
   * own are scored in this process whatever this says.
   */
  worker?: boolean;
  /** Told of each worker started, so its owner can stop it on close. */
  onWorker?: (worker: WorkerBuild) => void;
  /** Store the runs of a database source in salic_ml (default true). */
  storeRuns?: boolean;
}

/** A store and how it was obtained. */
export interface CachedStore {
  store: ProjectStore;
  /** True when the entry existed; false when the data was scored on this start. */
  hit: boolean;
  /**
   * For a database source: settles once the run is in salic_ml (stored after
   * scoring, or, on a hit whose run salic_ml lacks, scored again and stored
   * in a worker), in the background; the outcome is logged. Never rejects.
   */
  stored?: Promise<StoreOutcome | undefined>;
}

/**
 * Opens the results of a source (a folder or a database), computing them
 * with the promoted modules only when no cache entry matches the source's
 * fingerprint (a folder's file sha256s, a database's table states), the
 * metrics and the code. A new entry is written into a temporary folder and
 * renamed into place, so a crash never leaves a half-written entry; a
 * damaged entry is rebuilt. Old entries beyond `keep` are removed, least
 * recently used first. A database source's run is also stored in salic_ml.
 *
 * @throws Error when the folder holds no table; DataError from the loaders; DatabaseError (masked).
 */
export async function openCachedStore(options: CacheOptions): Promise<CachedStore> {
  if ((options.dataDir === undefined) === (options.source === undefined)) throw new Error("openCachedStore needs exactly one of dataDir and source");
  const source = options.source ?? folderSource(options.dataDir!, options.cacheDir);
  mkdirSync(options.cacheDir, { recursive: true });
  const files = options.fingerprint ?? (await source.fingerprint());
  const database = source.spec.kind === "database";
  const storeRuns = database && options.storeRuns !== false;
  const job: BuildJob = {
    source: source.spec,
    label: source.label,
    identity: source.identity,
    metricIds: [...servedMetricIds(options.metrics)],
    code: options.codeVersion ?? codeVersion(),
    files,
  };
  const key = jobKey(job, files);
  let entry = join(options.cacheDir, key);
  let hit = existsSync(join(entry, ENTRY_FILES.meta));
  let store: ProjectStore | undefined;
  let stored: Promise<StoreOutcome | undefined> | undefined;
  if (hit) {
    try {
      store = await openStore(entry);
    } catch (error) {
      options.log(`salic-ml: cache entry ${key.slice(0, 12)} is unreadable (${(error as Error).message}); recomputing`);
      rmSync(entry, { recursive: true, force: true });
      hit = false;
    }
  }
  if (store !== undefined && storeRuns) stored = storeIfMissing(job, options);
  if (store === undefined) {
    options.log(`salic-ml: scoring ${source.label} (no cache entry for this data, metrics and code yet)`);
    const temp = temporarySibling(entry);
    mkdirSync(temp);
    try {
      const build: BuildJob = { ...job, outDir: temp, ...(storeRuns ? { store: { startedAt: Date.now() } } : {}) };
      let meta: EntryMeta;
      if (options.worker !== false && (await workerCanRun(options.metrics))) {
        const worker = buildInWorker(build);
        options.onWorker?.(worker);
        meta = (await worker.built)!;
        if (storeRuns) stored = worker.stored;
      } else {
        const { runBuild, storeJobRun } = await import("./build.js");
        const result = await runBuild(build, await definitions(options.metrics));
        meta = result.meta!;
        if (storeRuns) stored = storeJobRun(build, result.run).then(
          (id) => ({ id, projects: result.run.pronacs.length }),
          (error: unknown) => ({ error: (error as Error).message }),
        );
      }
      const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      options.log(
        `salic-ml: scored ${meta.projects} projects in ${seconds(meta.build_ms)} ` +
          `(load ${seconds(meta.steps_ms.load)}, metrics ${seconds(meta.steps_ms.score)}, projects and cache entry ${seconds(meta.steps_ms.entry)})`,
      );
      const reread = Object.keys(meta.files).filter((name) => meta.files[name] !== files[name]);
      if (reread.length > 0) {
        options.log(`salic-ml: ${reread.join(", ")} changed after hashing; the results are those of the bytes read`);
        source.forget(reread);
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
  return stored === undefined ? { store, hit } : { store, hit, stored: stored.then((outcome) => reportStored(outcome, job, options.log)) };
}

// A hit on a state salic_ml has no run of (the cache was filled by another
// setup, or storing failed last time): score it again in a worker and store it.
async function storeIfMissing(job: BuildJob, options: CacheOptions): Promise<StoreOutcome | undefined> {
  const url = job.source.kind === "database" ? job.source.url : "";
  try {
    const [{ withClient }, { runIsStored }] = await Promise.all([import("../db/connect.js"), import("../db/provenance.js")]);
    if (await withClient(url, (client) => runIsStored(client, job.files, job.code))) return undefined;
  } catch (error) {
    return { error: (error as Error).message };
  }
  options.log(`salic-ml: salic_ml has no run of this data and code yet; scoring it again in the background to store it`);
  const storeOnly: BuildJob = { ...job, store: { startedAt: Date.now() } };
  if (await workerCanRun(options.metrics)) {
    const worker = buildInWorker(storeOnly);
    options.onWorker?.(worker);
    try {
      await worker.built;
    } catch (error) {
      return { error: (error as Error).message };
    }
    return worker.stored;
  }
  try {
    const { runBuild, storeJobRun } = await import("./build.js");
    const { run } = await runBuild(storeOnly, await definitions(options.metrics));
    return { id: await storeJobRun(storeOnly, run), projects: run.pronacs.length };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

// A worker takes its metrics from the registry by id: only the registry's own can be sent.
async function workerCanRun(metrics: ServedMetrics): Promise<boolean> {
  if (metrics === "promoted") return true;
  const { metricById } = await import("../metrics/registry.js");
  return metrics.every((metric) => metricById(metric.id) === metric);
}

async function definitions(metrics: ServedMetrics): Promise<readonly MetricDefinition[]> {
  return metrics === "promoted" ? (await import("../metrics/promoted.js")).PROMOTED_METRICS : metrics;
}

function reportStored(outcome: StoreOutcome | undefined, job: BuildJob, log: (line: string) => void): StoreOutcome | undefined {
  if (outcome === undefined) return undefined;
  if ("id" in outcome) log(`salic-ml: stored run ${outcome.id} (${outcome.projects} projects) in salic_ml of ${job.label}`);
  else {
    const url = job.source.kind === "database" ? job.source.url : "";
    log(`salic-ml: could not store the run in salic_ml of ${job.label} (the service goes on): ${maskPassword(outcome.error, url)}`);
  }
  return outcome;
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
