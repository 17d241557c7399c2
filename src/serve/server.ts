import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { maskPassword } from "../db/url.js";
import type { MetricDefinition } from "../metrics/types.js";
import { buildApp, checkHttpOptions, type HttpOptions } from "./app.js";
import { maskTaxIdsInText } from "./mask.js";
import { openCachedStore, servedMetricIds, type ServedMetrics } from "./cache.js";
import { jobKey } from "./fingerprint.js";
import { LiveStore } from "./live.js";
import { Responsaveis } from "./analysts.js";
import type { FeedbackStore } from "../feedback/store.js";
import { databaseSource, folderSource, type ServeSource } from "./source.js";
import type { ProjectStore } from "./store.js";
import type { WorkerBuild } from "./worker.js";
import { codeVersion } from "./version.js";
import { packageRoot } from "../util/paths.js";

/**
 * Options of {@link startServer}; `corsOrigins`, `publicUrl` and `limits`
 * (timeouts, connection cap) are described in {@link HttpOptions}.
 */
export interface ServerOptions extends HttpOptions {
  /** Folder of the five Salic tables (`<table>.csv` or `.parquet`); exactly one of `dataDir` and `db`. */
  dataDir?: string;
  /** PostgreSQL URL whose schema salic holds the five tables; each run scored is also stored in salic_ml. */
  db?: string;
  /**
   * Seconds between two checks of the source's fingerprint (default 30; 0
   * turns watching off). A change is scored in a build worker process while the
   * current run is still served, then swapped in atomically.
   */
  watchSeconds?: number;
  /** Port to listen on (default 3000; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1: reachable from this machine only). */
  host?: string;
  /** Disk cache of computed results (default `<repo>/.cache/serve`, or `./.cache/serve` when installed as a package). */
  cacheDir?: string;
  /** The metrics to serve (default: the promoted ones, PROMOTED_METRICS). */
  metrics?: readonly MetricDefinition[];
  /** Built web page (default `<repo>/dist/web`). */
  webDir?: string;
  /** Where start-up lines and unexpected errors go (default: stderr). Tax ids (masked here) and passwords are never logged. */
  log?: (line: string) => void;
  /** Identifies the code computing the results (default: codeVersion(); tests pin it). */
  codeVersion?: string;
  /**
   * Folder of the embedded analysts' store (analysts, who has which project,
   * feedback) when serving a folder (default `<repo>/.salic-ml/feedback`);
   * with `db`, they live in schema salic_ml of that database and this is refused.
   */
  feedbackStore?: string;
}

/** A running service. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** The source as the log and /health name it (a folder's path, or the URL with its password masked). */
  source: string;
  /**
   * Resolves once nothing runs in the background: no fingerprint check or
   * rebuild under way and the runs scored so far are stored (or failed to).
   */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** How long a replaced run's store stays open for the requests still reading it. */
const SWAP_GRACE_MS = 30_000;

/**
 * Starts the API and the web page in this process. Results come from the
 * disk cache when the source (its files' sha256s, or a database's table
 * states), the metrics and the code are unchanged; otherwise they are
 * computed by the promoted modules first (minutes at national scale, once)
 * and, for a database, stored in salic_ml. While running, the source's
 * fingerprint is checked every `watchSeconds`; a change is scored in a
 * build worker process and the new run replaces the old one atomically. A failed
 * rebuild is logged and the old run is still served. A damaged details
 * record of the cache entry is answered 503, logged, and the entry rebuilt
 * the same way.
 *
 * @throws Error naming the option at fault, before anything is scored;
 *   SourceError when the folder cannot be served (no planilha_projetos)
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const started = performance.now();
  const write = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = (line: string) => write(maskTaxIdsInText(line));
  const root = packageRoot();
  if ((options.dataDir === undefined) === (options.db === undefined)) throw new Error("startServer needs exactly one of dataDir and db");
  // Bad HTTP options fail now, not after minutes of scoring.
  checkHttpOptions(options);
  const cacheDir = options.cacheDir ?? defaultCacheDir(root);
  const source: ServeSource = options.db !== undefined ? databaseSource(options.db) : folderSource(options.dataDir!, cacheDir);
  const secret = options.db ?? "";
  const safe = (message: string) => maskPassword(message, secret);
  const metrics: ServedMetrics = options.metrics ?? "promoted";
  const metricIds = [...servedMetricIds(metrics)];
  // Computed once (it hashes the sources): the start and every check key entries by it.
  const code = options.codeVersion ?? codeVersion();
  const workers = new Set<WorkerBuild>();
  const background = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const settled = work.then(
      () => {},
      () => {},
    );
    background.add(settled);
    void settled.then(() => background.delete(settled));
  };
  const cacheOptions = {
    source,
    cacheDir,
    metrics,
    log,
    codeVersion: code,
    onWorker: (worker: WorkerBuild) => {
      workers.add(worker);
      const done = () => workers.delete(worker);
      worker.built.then(
        () => worker.stored.then(done),
        done,
      );
    },
  };
  if (options.db !== undefined && options.feedbackStore !== undefined) throw new Error("startServer: give feedbackStore only without db (with db, analysts live in its schema salic_ml)");
  // Opened first: a store that cannot be opened (a bad folder, a database refusing the DDL) stops the start before minutes of scoring.
  const { openFeedbackStore } = await import("../feedback/open.js");
  const analysts: FeedbackStore = await openFeedbackStore(options.db !== undefined ? { db: options.db } : { dir: options.feedbackStore });
  let opened: Awaited<ReturnType<typeof openCachedStore>>;
  let responsaveis: Responsaveis;
  try {
    responsaveis = new Responsaveis(await analysts.holders());
    opened = await openCachedStore(cacheOptions);
  } catch (error) {
    await analysts.close().catch(() => {});
    throw error;
  }
  if (opened.stored !== undefined) track(opened.stored);
  const live = new LiveStore(opened.store, responsaveis);
  let onDamaged: (store: ProjectStore) => void = () => {};
  const app = buildApp(live, {
    webDir: options.webDir ?? join(root, "dist", "web"),
    log,
    corsOrigins: options.corsOrigins,
    publicUrl: options.publicUrl,
    limits: options.limits,
    onDamaged: (store) => onDamaged(store),
    analysts: { store: analysts, responsaveis },
  });
  try {
    await app.listen({ port: options.port ?? 3000, host: options.host ?? "127.0.0.1" });
  } catch (error) {
    await live.close();
    await analysts.close().catch(() => {});
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no TCP address");
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const ms = Math.round(performance.now() - started);
  log(`salic-ml: analysts, who has which project and feedback are kept in ${analysts.label}`);
  log(`salic-ml: serving ${opened.store.size} projects of ${source.label} at ${url} (${opened.hit ? "from cache" : "scored"}, ready in ${ms} ms)`);

  // The watcher: one fingerprint check at a time, the next one scheduled when it is done;
  // a rebuild of a damaged entry waits for a check under way, and vice versa.
  const watchMs = Math.max(0, (options.watchSeconds ?? 30) * 1000);
  let closing = false;
  let timer: NodeJS.Timeout | undefined;
  let checkFailing = false;
  let failed: { key: string; at: number } | undefined;
  let running: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>): Promise<void> => {
    running = running.then(work).catch((error: unknown) => log(`salic-ml: checking the source failed: ${safe((error as Error).message)}`));
    return running;
  };
  /** Scores the source again if it changed; with `damaged`, also when it did not (that entry was removed). */
  const check = async (damaged?: ProjectStore) => {
    if (damaged !== undefined && damaged !== live.current.store) return;
    let fingerprint: Record<string, string>;
    try {
      fingerprint = await source.fingerprint();
      if (checkFailing) log(`salic-ml: the source answers again (${source.label})`);
      checkFailing = false;
    } catch (error) {
      if (!checkFailing) log(`salic-ml: cannot check the source for changes (still serving the last run): ${safe((error as Error).message)}`);
      checkFailing = true;
      return;
    }
    const current = live.current.store.meta;
    const key = jobKey({ metricIds, code, identity: source.identity }, fingerprint);
    if (key === current.key && damaged === undefined) return;
    // A state that failed to build is retried after ten checks (a persistent error is not rescored every few seconds).
    if (damaged === undefined && failed?.key === key && Date.now() - failed.at < 10 * watchMs) return;
    log(
      damaged === undefined
        ? `salic-ml: ${source.label} changed; scoring the new data in the background (still serving the last run)`
        : `salic-ml: rebuilding the damaged cache entry ${current.key.slice(0, 12)} in the background (still serving its undamaged records)`,
    );
    try {
      const next = await openCachedStore({ ...cacheOptions, fingerprint });
      if (next.stored !== undefined) track(next.stored);
      if (closing) {
        await next.store.close();
        return;
      }
      track(live.swap(next.store, SWAP_GRACE_MS));
      failed = undefined;
      log(`salic-ml: now serving ${next.store.size} projects of ${source.label} (${next.hit ? "from cache" : "scored"}, cache entry ${next.store.meta.key.slice(0, 12)})`);
    } catch (error) {
      failed = { key, at: Date.now() };
      if (!closing) log(`salic-ml: scoring the ${damaged === undefined ? "changed" : "same"} data failed; still serving the last run: ${safe((error as Error).message)}`);
    }
  };
  const schedule = () => {
    if (closing || watchMs === 0) return;
    timer = setTimeout(() => {
      const run = serially(() => check());
      track(run);
      void run.finally(schedule);
    }, watchMs);
    timer.unref();
  };
  schedule();
  onDamaged = (store) => {
    if (closing) return;
    // The open store keeps its bytes (in memory, or an open file) while the entry is
    // removed, so its other records are still served; without the folder the cache scores anew.
    rmSync(store.dir, { recursive: true, force: true });
    track(serially(() => check(store)));
  };

  return {
    url,
    source: source.label,
    async idle() {
      while (background.size > 0) await Promise.all([...background]);
    },
    async close() {
      closing = true;
      if (timer !== undefined) clearTimeout(timer);
      await app.close();
      await Promise.all([...workers].map((worker) => worker.terminate()));
      while (background.size > 0) await Promise.all([...background]);
      await live.close();
      await analysts.close();
    },
  };
}

// A checkout keeps its cache in its own ignored .cache; an installed package
// (inside node_modules) must not write there, so it uses the working folder.
function defaultCacheDir(root: string): string {
  return root.split(/[\\/]/).includes("node_modules") ? resolve(".cache", "serve") : join(root, ".cache", "serve");
}
