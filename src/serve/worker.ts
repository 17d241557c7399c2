import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { metricById } from "../metrics/registry.js";
import type { MetricDefinition } from "../metrics/types.js";
import type { BuildJob } from "./build.js";
import type { EntryMeta } from "./entry.js";

/** What the build worker posts, in this order: built (or failed), then stored or store-failed when the job stores. */
export type WorkerMessage =
  | { type: "built"; meta: EntryMeta | undefined }
  | { type: "failed"; message: string; name: string }
  | { type: "stored"; id: number; projects: number }
  | { type: "store-failed"; message: string };

/** How storing a run ended (never a rejection: a failed store is logged, the service goes on). */
export type StoreOutcome = { id: number; projects: number } | { error: string };

/** A job running in a worker thread. */
export interface WorkerBuild {
  /** Resolves once the entry is written (its meta; undefined for a score-only job); rejects when the build failed. */
  built: Promise<EntryMeta | undefined>;
  /** Resolves once the run is stored or storing failed (undefined when the job does not store, or the build failed). */
  stored: Promise<StoreOutcome | undefined>;
  /** Stops the worker (on close); the promises then settle as failed. */
  terminate(): Promise<void>;
}

/** True when every metric is the registry's own (the worker takes them from it by id). */
export function workerCanRun(metrics: readonly MetricDefinition[]): boolean {
  return metrics.every((metric) => metricById(metric.id) === metric);
}

/**
 * Runs `job` in a worker thread, so that the seconds of synchronous loading,
 * scoring and entry writing at national scale never hold up the requests the
 * main thread answers meanwhile. Under tsx (the sources run as TypeScript)
 * the worker registers tsx itself; the compiled package runs build-worker.js.
 */
export function buildInWorker(job: BuildJob): WorkerBuild {
  const worker = startWorker(job);
  let resolveBuilt!: (meta: EntryMeta | undefined) => void;
  let rejectBuilt!: (error: Error) => void;
  let resolveStored!: (outcome: StoreOutcome | undefined) => void;
  const built = new Promise<EntryMeta | undefined>((resolve, reject) => {
    resolveBuilt = resolve;
    rejectBuilt = reject;
  });
  const stored = new Promise<StoreOutcome | undefined>((resolve) => (resolveStored = resolve));
  let builtYet = false;
  worker.on("message", (message: WorkerMessage) => {
    if (message.type === "built") {
      builtYet = true;
      resolveBuilt(message.meta);
      if (job.store === undefined) resolveStored(undefined);
    } else if (message.type === "failed") {
      const error = new Error(message.message);
      error.name = message.name;
      rejectBuilt(error);
      resolveStored(undefined);
    } else if (message.type === "stored") resolveStored({ id: message.id, projects: message.projects });
    else resolveStored({ error: message.message });
  });
  const ended = (reason: string) => {
    if (!builtYet) rejectBuilt(new Error(reason));
    resolveStored(builtYet && job.store !== undefined ? { error: reason } : undefined);
  };
  worker.on("error", (error) => ended(`the build worker failed: ${error.message}`));
  worker.on("exit", (code) => ended(`the build worker exited (code ${code}) before it finished`));
  return {
    built,
    stored,
    async terminate() {
      await worker.terminate();
    },
  };
}

function startWorker(job: BuildJob): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return workerWithParentFlags(new URL("./build-worker.js", here), { workerData: job });
  const target = new URL("./build-worker.ts", here).href;
  const boot = `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); })`;
  return workerWithParentFlags(boot, { eval: true, workerData: job });
}

/**
 * A worker with the node flags of this process that a worker can take. By
 * default a worker inherits them all, but some only fit the process
 * (--expose-gc is refused) or its entry (--input-type, given with
 * `node -e`, stops the worker before it runs): those are left out.
 */
function workerWithParentFlags(entry: string | URL, options: WorkerOptions): Worker {
  let execArgv = process.execArgv.filter((flag) => !flag.startsWith("--input-type"));
  for (;;) {
    try {
      return new Worker(entry, { ...options, execArgv });
    } catch (error) {
      const invalid = (error as { code?: string; message: string }).code === "ERR_WORKER_INVALID_EXEC_ARGV" ? refusedFlags(error as Error) : [];
      const kept = execArgv.filter((flag) => !invalid.includes(flag.split("=")[0]!) && !invalid.includes(flag));
      if (kept.length === execArgv.length) throw error;
      execArgv = kept;
    }
  }
}

// "Initiated Worker with invalid execArgv flags: --expose-gc, --foo"
function refusedFlags(error: Error): string[] {
  return (error.message.split("flags:")[1] ?? "").split(",").map((flag) => flag.trim()).filter((flag) => flag !== "");
}

// tsx's ESM registration API (its package exports "./esm/api" → dist/esm/api/index.mjs for import).
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  return pathToFileURL(join(dirname(manifest), "dist", "esm", "api", "index.mjs")).href;
}
