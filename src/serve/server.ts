import { join, resolve } from "node:path";
import { PROMOTED_METRICS } from "../metrics/promoted.js";
import type { MetricDefinition } from "../metrics/types.js";
import { buildApp } from "./app.js";
import { openCachedStore } from "./cache.js";
import { packageRoot } from "../util/paths.js";

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Folder of the five Salic tables (`<table>.csv` or `.parquet`). */
  dataDir: string;
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
  /** Where start-up lines and unexpected errors go (default: stderr). Tax ids are never logged. */
  log?: (line: string) => void;
}

/** A running service. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the API and the web page in this process. Results come from the
 * disk cache when the data, metrics and code are unchanged; otherwise they are
 * computed by the promoted modules first (minutes at national scale, once).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = packageRoot();
  const { store, hit } = await openCachedStore({
    dataDir: options.dataDir,
    cacheDir: options.cacheDir ?? defaultCacheDir(root),
    metrics: options.metrics ?? PROMOTED_METRICS,
    log,
  });
  const app = buildApp(store, { webDir: options.webDir ?? join(root, "dist", "web"), log });
  try {
    await app.listen({ port: options.port ?? 3000, host: options.host ?? "127.0.0.1" });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no TCP address");
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const ms = Math.round(performance.now() - started);
  log(`salic-ml: serving ${store.size} projects of ${resolve(options.dataDir)} at ${url} (${hit ? "from cache" : "scored"}, ready in ${ms} ms)`);
  return {
    url,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

// A checkout keeps its cache in its own ignored .cache; an installed package
// (inside node_modules) must not write there, so it uses the working folder.
function defaultCacheDir(root: string): string {
  return root.split(/[\\/]/).includes("node_modules") ? resolve(".cache", "serve") : join(root, ".cache", "serve");
}
