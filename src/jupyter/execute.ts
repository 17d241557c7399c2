import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { canonicalNotebook, serializeNotebook } from "./canonical.js";
import { packageRoot, repoRelative } from "../util/paths.js";
import { KERNEL_NAME, SYSTEM_PYTHON, assertKernelInstalled, jupyterEnv } from "./env.js";
import { INJECTED_TAG, injectParameters } from "./parameters.js";
import { cellTags, firstLine, readNotebook, type Notebook } from "./types.js";

/**
 * The per-cell time limit when none is given: the one default of
 * `executeNotebook`, the promotion gate, `npm run notebooks` and `npm run promote`.
 */
export const DEFAULT_CELL_TIMEOUT_SECONDS = 600;

/** Options of `executeNotebook`. */
export interface ExecuteOptions {
  /** Values for the `parameters` cell, injected papermill-style in a cell after it. */
  parameters?: Readonly<Record<string, unknown>>;
  /** Per-cell time limit (default DEFAULT_CELL_TIMEOUT_SECONDS): a cell still running then is stopped and reported. */
  cellTimeoutSeconds?: number;
  /** Time allowed for the kernel to start (default 60 s). */
  startupTimeoutSeconds?: number;
  /** Kernel working directory (default: the notebook's folder, which its relative imports assume). */
  cwd?: string;
  /** Called as the kernel becomes ready and as each code cell starts and ends. */
  onProgress?: (event: ExecuteProgress) => void;
  /**
   * Stops the execution when aborted: the driver kills the kernel's process
   * group (kernel, figure renderer; Chromium follows) and exits, and
   * `executeNotebook` rejects with `signal.reason` once it has exited.
   */
  signal?: AbortSignal;
}

/**
 * Progress of one execution. `cell` is the 1-based position of the cell in
 * the notebook file as committed (markdown cells count), `cells` the number
 * of cells; `elapsedMs` counts from the start of `executeNotebook`.
 */
export type ExecuteProgress =
  | { kind: "kernel_ready"; notebook: string; elapsedMs: number }
  | { kind: "cell"; notebook: string; cell: number; cells: number; firstLine: string; elapsedMs: number }
  | { kind: "cell_done"; notebook: string; cell: number; cells: number; cellMs: number; elapsedMs: number };

/** A notebook executed without error. */
export interface ExecutedNotebook {
  /** The path as given. */
  path: string;
  /** The executed notebook in canonical form (with the injected-parameters cell, if any). */
  notebook: Notebook;
  /** Its canonical file text (what `npm run notebooks` writes). */
  text: string;
  timings: { kernelReadyMs: number; totalMs: number; cells: { cell: number; ms: number }[] };
}

/** Why an execution failed, with what the failing cell printed. */
export class NotebookExecutionError extends Error {
  constructor(
    message: string,
    readonly notebook: string,
    readonly kind: "error" | "timeout" | "dead_kernel" | "startup" | "driver",
    /** 1-based position of the failing cell in the notebook as committed; undefined before any cell ran. */
    readonly cell: number | undefined,
    readonly ename: string | undefined,
    readonly evalue: string | undefined,
    readonly traceback: readonly string[],
    /** The cell's stderr: where tslab writes compile errors, whose error message is empty. */
    readonly stderr: string,
    /** The notebook as far as it ran, when the driver returned it. */
    readonly partial: Notebook | undefined,
  ) {
    super(message);
    this.name = "NotebookExecutionError";
  }
}

interface DriverEvent {
  event: "kernel_ready" | "cell" | "cell_done" | "done" | "failed";
  index?: number | null;
  kind?: "error" | "timeout" | "dead_kernel" | "startup";
  message?: string;
  ename?: string | null;
  evalue?: string | null;
  traceback?: string[];
  stderr?: string;
  notebook?: Notebook | null;
}

/**
 * Executes a notebook headless through Jupyter (Debian's nbclient with the
 * tslab kernel, driven by src/jupyter/execute.py) and returns it executed and
 * canonical. Nothing is written to disk. Rejects with a
 * `NotebookExecutionError` naming the notebook and cell on an error, a cell
 * over the time limit, a dead kernel, or a kernel that does not start; with
 * `options.signal`'s reason when aborted.
 *
 * The kernel does not outlive the execution: the driver keeps its stdin open
 * and kills the kernel's process group (the kernel, its figure renderer;
 * Chromium exits with the renderer's pipe) when stdin ends — this process
 * exited or was killed, even with SIGKILL — or on SIGTERM, SIGINT or SIGHUP;
 * a driver killed with SIGKILL takes the kernel with it (PR_SET_PDEATHSIG).
 */
export async function executeNotebook(path: string, options: ExecuteOptions = {}): Promise<ExecutedNotebook> {
  const started = Date.now();
  const root = packageRoot();
  assertKernelInstalled(root);
  const name = displayPath(root, path);
  const original = readNotebook(path);
  const nb = options.parameters !== undefined ? injectParameters(original, options.parameters) : original;
  const injectedAt = nb.cells.findIndex((c) => cellTags(c).includes(INJECTED_TAG));
  // Cells are numbered as in the committed file: the injected cell is not one of them.
  const position = (index: number) => (injectedAt >= 0 && index > injectedAt ? index : index + 1);
  const cells = original.cells.length;
  const timeout = options.cellTimeoutSeconds ?? DEFAULT_CELL_TIMEOUT_SECONDS;
  const startup = options.startupTimeoutSeconds ?? 60;
  if (!(timeout > 0)) throw new RangeError(`cellTimeoutSeconds must be positive, got ${timeout}`);
  options.signal?.throwIfAborted();

  const child = spawn(SYSTEM_PYTHON, [join(root, "src", "jupyter", "execute.py")], {
    cwd: root,
    env: jupyterEnv(root),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let driverStderr = "";
  child.stderr.on("data", (chunk: Buffer) => (driverStderr = (driverStderr + chunk.toString("utf8")).slice(-8000)));
  const exited = new Promise<number | null>((resolveExit, rejectExit) => {
    child.on("error", rejectExit);
    child.on("exit", (code) => resolveExit(code));
  });
  child.stdin.on("error", () => undefined); // a driver that dies early is reported from its exit
  // One request line; stdin then stays open: its end (this process exiting,
  // even killed) tells the driver to kill the kernel and exit.
  child.stdin.write(
    `${JSON.stringify({ notebook: nb, cwd: resolve(options.cwd ?? dirname(resolve(path))), kernel: KERNEL_NAME, timeout, startup_timeout: startup })}\n`,
  );
  const abort = () => {
    // The driver kills the kernel's process group on SIGTERM; SIGKILL if it does not exit (the kernel then dies with it).
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  };
  options.signal?.addEventListener("abort", abort, { once: true });

  // Last resort if the driver itself stops answering: nbclient enforces the per-cell limit.
  const silenceLimitMs = (Math.max(timeout, startup) + 120) * 1000;
  let watchdog: NodeJS.Timeout | undefined;
  let silenced = false;
  const arm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      silenced = true;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
    }, silenceLimitMs);
  };
  arm();

  const timings: ExecutedNotebook["timings"] = { kernelReadyMs: 0, totalMs: 0, cells: [] };
  let cellStart = 0;
  let current: number | undefined;
  let final: DriverEvent | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    arm();
    let event: DriverEvent;
    try {
      event = JSON.parse(line) as DriverEvent;
    } catch {
      continue; // not ours: nothing else should write here, but a stray line must not break the run
    }
    const elapsedMs = Date.now() - started;
    if (event.event === "kernel_ready") {
      timings.kernelReadyMs = elapsedMs;
      options.onProgress?.({ kind: "kernel_ready", notebook: name, elapsedMs });
    } else if (event.event === "cell" && typeof event.index === "number") {
      current = event.index;
      cellStart = Date.now();
      if (event.index !== injectedAt) {
        const cell = nb.cells[event.index]!;
        options.onProgress?.({ kind: "cell", notebook: name, cell: position(event.index), cells, firstLine: firstLine(cell), elapsedMs });
      }
    } else if (event.event === "cell_done" && typeof event.index === "number") {
      const cellMs = Date.now() - cellStart;
      if (event.index !== injectedAt) {
        timings.cells.push({ cell: position(event.index), ms: cellMs });
        options.onProgress?.({ kind: "cell_done", notebook: name, cell: position(event.index), cells, cellMs, elapsedMs });
      }
    } else if (event.event === "done" || event.event === "failed") {
      final = event;
    }
  }
  clearTimeout(watchdog);
  const code = await exited.finally(() => options.signal?.removeEventListener("abort", abort));
  timings.totalMs = Date.now() - started;
  options.signal?.throwIfAborted();

  if (final?.event === "done" && final.notebook) {
    const executed = canonicalNotebook(final.notebook);
    return { path, notebook: executed, text: serializeNotebook(executed), timings };
  }
  const partial = final?.notebook ? canonicalNotebook(final.notebook) : undefined;
  if (final?.event === "failed") {
    const index = typeof final.index === "number" ? final.index : undefined;
    const stderr = stripAnsi(final.stderr ?? "");
    const traceback = (final.traceback ?? []).map(stripAnsi);
    const where = index === undefined ? name : `${name} ${cellLabel(index === injectedAt, position(index), firstLine(nb.cells[index]!))}`;
    const what =
      final.kind === "timeout"
        ? `did not finish within ${timeout} s (the per-cell time limit) and was stopped`
        : final.kind === "dead_kernel"
          ? "killed the kernel (out of memory or a crash?)"
          : final.kind === "startup"
            ? `the tslab kernel did not start: ${final.message ?? ""}`
            : final.ename || final.evalue
              ? `${final.ename ?? "Error"}: ${stripAnsi(final.evalue ?? "")}`
              : stderr.trim() !== ""
                ? "failed (tslab reports compile and runtime errors on stderr, below)"
                : "failed without an error message";
    const message = [`${where}: ${what}`, ...(stderr.trim() !== "" && final.kind !== "timeout" ? ["--- stderr ---", stderr.trimEnd()] : [])].join("\n");
    throw new NotebookExecutionError(message, name, final.kind ?? "error", index === undefined ? undefined : position(index), final.ename ?? undefined, final.evalue ?? undefined, traceback, stderr, partial);
  }
  const why = silenced
    ? `the Jupyter driver was silent for ${silenceLimitMs / 1000} s and was stopped${current !== undefined ? ` while running cell ${position(current)}` : ""}`
    : `the Jupyter driver exited with code ${code} without a result`;
  throw new NotebookExecutionError(`${name}: ${why}\n${driverStderr.trim()}`, name, "driver", current === undefined ? undefined : position(current), undefined, undefined, [], driverStderr, partial);
}

function cellLabel(injected: boolean, cell: number, line: string): string {
  return injected ? "injected parameters cell" : `cell ${cell} (${JSON.stringify(line)})`;
}

function displayPath(root: string, path: string): string {
  const rel = repoRelative(root, resolve(path));
  return rel.startsWith("..") ? resolve(path) : rel;
}

function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}
