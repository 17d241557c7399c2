import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BuildJob } from "./build.js";
import type { EntryMeta } from "./entry.js";

/** What the build worker sends, in this order: built (or failed), then stored or store-failed when the job stores. */
export type WorkerMessage =
  | { type: "built"; meta: EntryMeta | undefined }
  | { type: "failed"; message: string; name: string }
  | { type: "stored"; id: number; projects: number }
  | { type: "store-failed"; message: string };

/** How storing a run ended (never a rejection: a failed store is logged, the service goes on). */
export type StoreOutcome = { id: number; projects: number } | { error: string };

/** A job running in a build worker process. */
export interface WorkerBuild {
  /** Resolves once the entry is written (its meta; undefined for a score-only job); rejects when the build failed. */
  built: Promise<EntryMeta | undefined>;
  /** Resolves once the run is stored or storing failed (undefined when the job does not store, or the build failed). */
  stored: Promise<StoreOutcome | undefined>;
  /** Stops the worker (on close); the promises then settle as failed. */
  terminate(): Promise<void>;
}

/**
 * Runs `job` in a child process. The seconds of synchronous loading, scoring
 * and entry writing at national scale never hold up the requests this
 * process answers meanwhile, and the gigabytes they take go back to the
 * system when the child exits (a worker thread's freed memory stays in this
 * process: measured 1.5 GB kept after a national cold start). The job,
 * database URL included, goes over the IPC channel, never the command line.
 */
export function buildInWorker(job: BuildJob): WorkerBuild {
  const child = startWorker();
  let resolveBuilt!: (meta: EntryMeta | undefined) => void;
  let rejectBuilt!: (error: Error) => void;
  let resolveStored!: (outcome: StoreOutcome | undefined) => void;
  const built = new Promise<EntryMeta | undefined>((resolve, reject) => {
    resolveBuilt = resolve;
    rejectBuilt = reject;
  });
  const stored = new Promise<StoreOutcome | undefined>((resolve) => (resolveStored = resolve));
  let builtYet = false;
  child.on("message", (message: WorkerMessage) => {
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
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      ended(`the build worker exited (${signal ?? `code ${code}`}) before it finished`);
      resolve();
    });
  });
  child.on("error", (error) => ended(`the build worker failed: ${error.message}`));
  child.send(job);
  return {
    built,
    stored,
    async terminate() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

const INHERITED_FLAG = /^--(max-old-space-size|max-semi-space-size|stack-size)=\d+$|^--(enable-source-maps|no-warnings)$/;

function startWorker(): ChildProcess {
  const here = import.meta.url;
  const typescript = here.endsWith(".ts");
  const entry = fileURLToPath(new URL(typescript ? "./build-worker.ts" : "./build-worker.js", here));
  // Only the parent's flags that size or report the build pass on: all of
  // them would include a `node -e` program's own code, which would then run
  // again in the child (and fork again).
  const execArgv = process.execArgv.filter((flag) => INHERITED_FLAG.test(flag));
  // Under tsx or vitest the sources are TypeScript: the child registers tsx itself.
  if (typescript) execArgv.push("--import", tsxLoader());
  return fork(entry, [], { execArgv, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

// tsx's loader (its package exports "." → dist/loader.mjs), by URL so that it resolves whatever the working folder.
function tsxLoader(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  return pathToFileURL(join(dirname(manifest), "dist", "loader.mjs")).href;
}
