/**
 * The service under a benchmark: `startServer` from the compiled output in a
 * child process (as `npm start` runs it), driven over IPC — ready, memory
 * probes after a forced GC, "idle" (background storing done), stop. Shared by
 * bench:serve (a folder) and bench:db (a database).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO } from "./bench-support.js";

/** What the service reads: a folder, or a PostgreSQL URL. */
export type BenchSource = { dataDir: string } | { db: string };

export interface Memory {
  rss: number;
  /** V8 heap in use after a forced GC: what a leak would grow. */
  heapUsed: number;
  /** V8 heap committed: grows while V8 sizes its young generation to the load, then stays. */
  heapTotal: number;
  /** Memory outside the V8 heap held by JS objects (Buffers): the cache's arrays, response buffers. */
  external: number;
}

type ChildMessage = { type: "ready"; url: string; startMs: number } | { type: "memory"; memory: Memory } | { type: "idle" };

export interface BenchServer {
  process: ChildProcess;
  url: string;
  /** From spawning the process to its first HTTP answer. */
  readyMs: number;
  /** Inside the process: importing the service and startServer() until it listened. */
  startMs: number;
}

/** The child's program: start the server (no watching), report over IPC, answer probes, stop on request. */
function childProgram(source: BenchSource, cacheDir: string): string {
  const serve = pathToFileURL(join(REPO, "dist", "src", "serve", "index.js")).href;
  return `
const started = performance.now();
const { startServer } = await import(${JSON.stringify(serve)});
const server = await startServer({
  ...${JSON.stringify(source)},
  cacheDir: ${JSON.stringify(cacheDir)},
  port: 0,
  watchSeconds: 0,
  log: (line) => process.stderr.write("  [server] " + line + "\\n"),
});
process.send({ type: "ready", url: server.url, startMs: performance.now() - started });
process.on("message", (message) => {
  if (message === "memory") {
    globalThis.gc?.();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    process.send({ type: "memory", memory: { rss, heapUsed, heapTotal, external } });
  } else if (message === "idle") {
    server.idle().then(() => process.send({ type: "idle" }));
  } else if (message === "stop") {
    server.close().then(() => process.exit(0));
  }
});
`;
}

export async function spawnServer(source: BenchSource, cacheDir: string): Promise<BenchServer> {
  const spawned = performance.now();
  const proc = spawn(process.execPath, ["--expose-gc", "--input-type=module", "-e", childProgram(source, cacheDir)], {
    cwd: REPO,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await new Promise<{ url: string; startMs: number }>((resolveReady, reject) => {
    proc.once("exit", (code) => reject(new Error(`the server exited (code ${code}) before it was ready`)));
    proc.on("message", (message: ChildMessage) => {
      if (message.type === "ready") resolveReady(message);
    });
  });
  const response = await fetch(`${ready.url}/health`);
  if (!response.ok) throw new Error(`/health answered ${response.status}`);
  await response.arrayBuffer();
  return { process: proc, url: ready.url, readyMs: performance.now() - spawned, startMs: ready.startMs };
}

export async function stopServer(server: BenchServer): Promise<void> {
  // Drop spawnServer's "exited before ready" listener first, then wait for the exit.
  server.process.removeAllListeners("exit");
  const exited = new Promise((done) => server.process.once("exit", done));
  server.process.send("stop");
  await exited;
}

function ask<T extends ChildMessage["type"]>(server: BenchServer, type: T): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolveAnswer) => {
    const listen = (message: ChildMessage) => {
      if (message.type !== type) return;
      server.process.off("message", listen);
      resolveAnswer(message as Extract<ChildMessage, { type: T }>);
    };
    server.process.on("message", listen);
    server.process.send(type);
  });
}

/** The child's memory after a forced GC. */
export async function memoryOf(server: BenchServer): Promise<Memory> {
  return (await ask(server, "memory")).memory;
}

/** Resolves once the child has nothing running in the background (a run being stored, a worker). */
export async function idleOf(server: BenchServer): Promise<void> {
  await ask(server, "idle");
}

/**
 * RSS of a server that just started, at ready and once steady: after its
 * background work, 5 s and a forced GC later (what it holds for its life).
 */
export async function settledMemory(server: BenchServer): Promise<{ ready: Memory; steady: Memory }> {
  const ready = await memoryOf(server);
  await idleOf(server);
  await new Promise((wait) => setTimeout(wait, 5000));
  return { ready, steady: await memoryOf(server) };
}
