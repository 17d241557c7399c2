import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";

/** What the renderer needs: a JSON-safe Plotly figure and the image size in CSS pixels. */
export interface RenderRequest {
  figure: { data: unknown[]; layout: Record<string, unknown>; config?: Record<string, unknown> };
  width: number;
  height: number;
  scale: number;
}

interface Worker {
  child: ChildProcess;
  pending: Map<number, { resolve(png: Buffer): void; reject(error: Error): void }>;
  stderr: string;
}

let worker: Worker | undefined;
let nextId = 1;

/**
 * Renders a Plotly figure to PNG bytes in headless Chromium. The browser
 * lives in a helper process started on first use and reused for every later
 * figure of this process (a kernel); the helper closes Chromium when this
 * process exits, since its stdin then ends. While no render is pending the
 * helper holds no reference on the event loop, so a kernel shuts down
 * cleanly with the browser open.
 */
export function renderPng(request: RenderRequest): Promise<Buffer> {
  const w = (worker ??= startWorker());
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    w.pending.set(id, { resolve, reject });
    holdLoop(w, true);
    w.child.stdin!.write(`${JSON.stringify({ id, ...request })}\n`);
  });
}

/** Closes the helper and its browser now (tests; a kernel needs no call). */
export async function closeRenderer(): Promise<void> {
  const w = worker;
  if (w === undefined) return;
  worker = undefined;
  holdLoop(w, true);
  const exited = new Promise<void>((resolve) => w.child.once("exit", () => resolve()));
  w.child.stdin!.end();
  await exited;
}

function startWorker(): Worker {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  const script = join(dirname(here), `render-worker${ext}`);
  // Under tests the sources run as TypeScript: the helper then needs tsx's loader.
  const loader = ext === ".ts" ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href] : [];
  const child = spawn(process.execPath, [...loader, script], { stdio: ["pipe", "pipe", "pipe"] });
  const w: Worker = { child, pending: new Map(), stderr: "" };
  child.stderr!.on("data", (chunk: Buffer) => {
    w.stderr = (w.stderr + chunk.toString("utf8")).slice(-4000);
  });
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const reply = JSON.parse(line) as { id: number; png?: string; error?: string };
    const waiter = w.pending.get(reply.id);
    if (waiter === undefined) return;
    w.pending.delete(reply.id);
    if (reply.png !== undefined) waiter.resolve(Buffer.from(reply.png, "base64"));
    else waiter.reject(new Error(reply.error ?? "renderer gave no image"));
    if (w.pending.size === 0) holdLoop(w, false);
  });
  child.on("exit", (code, signal) => {
    if (worker === w) worker = undefined;
    const why = `figure renderer exited (${signal ?? `code ${code}`})${w.stderr ? `: ${w.stderr.trim()}` : ""}`;
    for (const waiter of w.pending.values()) waiter.reject(new Error(why));
    w.pending.clear();
  });
  child.stdin!.on("error", () => undefined); // reported through "exit"
  holdLoop(w, false);
  return w;
}

/** Keeps the event loop alive only while renders are pending. */
function holdLoop(w: Worker, hold: boolean): void {
  const handles = [w.child, w.child.stdin, w.child.stdout, w.child.stderr] as unknown as { ref?(): void; unref?(): void }[];
  for (const h of handles) (hold ? h?.ref : h?.unref)?.call(h);
}
