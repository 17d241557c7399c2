/**
 * Runs planned mutants through `evaluate.ts` workers: each mutant gets a
 * fresh copy of src/ with its one change, and is killed when a metric it is
 * judged on no longer agrees with its notebook's published results (or the
 * mutant throws, or runs past the time limit).
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { MetricId } from "../../src/metrics/catalog.js";
import { runPool } from "../../src/util/pool.js";
import { applyMutant } from "./mutate.js";
import { inReach, type PlannedMutant } from "./plan.js";
import { instrument } from "./reach.js";

/** What one mutant did to each metric it is judged on. */
export interface MutantOutcome {
  /** Metrics on which the comparison failed (the mutant is killed for them). */
  readonly killedFor: readonly MetricId[];
  /** Why it was killed when not by a disagreement: "throws: …" or "timed out". */
  readonly note?: string;
}

/** What `ask` answers when the worker died during the request. */
const CRASHED = '{"error":"the worker process died"}';
/** The line a worker writes once the data is loaded. */
const READY = '{"ready":true}';

/** A long-lived `evaluate.ts` child: data loaded once, one request at a time. */
class Worker {
  private child!: ChildProcessWithoutNullStreams;
  private pending: ((line: string) => void) | undefined;
  private ready!: Promise<void>;

  constructor(
    private readonly root: string,
    private readonly args: readonly string[],
  ) {
    this.start();
  }

  private start(): void {
    const child = spawn(process.execPath, ["--import", "tsx", join(this.root, "scripts", "mutants", "evaluate.ts"), ...this.args], {
      cwd: this.root,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child = child;
    child.stderr.resume();
    // A mutant can crash the process (a native panic, an exit): the pending request is answered at once.
    child.stdin.on("error", () => undefined);
    child.on("exit", () => {
      if (this.child !== child) return;
      const p = this.pending;
      this.pending = undefined;
      this.start();
      p?.(CRASHED);
    });
    let isReady: () => void;
    this.ready = new Promise((ok) => (isReady = ok));
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (this.child !== child) return;
      if (line === READY) return isReady();
      const p = this.pending;
      this.pending = undefined;
      p?.(line);
    });
  }

  /** Sends one request; the answer line, CRASHED, or undefined after `timeoutMs` (the child is then replaced). */
  async ask(request: unknown, timeoutMs: number): Promise<string | undefined> {
    await this.ready;
    return new Promise((done) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        const old = this.child;
        this.start();
        old.kill("SIGKILL");
        done(undefined);
      }, timeoutMs);
      this.pending = (line) => {
        clearTimeout(timer);
        done(line);
      };
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  close(): void {
    const child = this.child;
    this.child = undefined as unknown as ChildProcessWithoutNullStreams;
    child.stdin.end();
  }
}

/** Options of a run. */
export interface RunOptions {
  readonly root: string;
  /** Scratch folder (emptied and re-created). */
  readonly scratch: string;
  readonly dataDir: string;
  /** The published results, metric id → payload (as the notebooks' outputs hold them). */
  readonly published: Readonly<Record<string, unknown>>;
  readonly workers: number;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

/**
 * Runs the unmutated sources, then each metric alone on a copy whose mutated
 * files are instrumented (reach.ts) to learn which functions it runs, then
 * every mutant on the metrics that reach it. `mutants` in the answer are those
 * judged (with their metrics narrowed to the reaching ones), `outcomes` in
 * their order.
 */
export async function runMutants(
  planned: readonly PlannedMutant[],
  options: RunOptions,
): Promise<{ baseline: MutantOutcome; mutants: PlannedMutant[]; outcomes: MutantOutcome[] }> {
  const { root, scratch } = options;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  // The copies resolve nodejs-polars through this link, to the same module instance as the worker's loader.
  symlinkSync(resolve(root, "node_modules"), join(scratch, "node_modules"));
  cpSync(resolve(root, "package.json"), join(scratch, "package.json"));
  const publishedFile = join(scratch, "published.json");
  writeFileSync(publishedFile, JSON.stringify(options.published));
  const workers = Array.from({ length: options.workers }, () => new Worker(root, [resolve(root, options.dataDir), publishedFile]));
  const pristine = new Map<string, string>();
  const sourceOf = (file: string) => {
    let s = pristine.get(file);
    if (s === undefined) pristine.set(file, (s = readFileSync(resolve(root, file), "utf8")));
    return s;
  };
  const free = [...workers];
  /** Evaluates one copy of src/ (`edit` writes its changes); answers the worker's parsed line, or a note. */
  const ask = async (index: number, edit: (dir: string) => void, request: Record<string, unknown>): Promise<{ answer?: { verdicts?: Record<string, boolean>; reached?: string[]; error?: string }; note?: string }> => {
    const dir = join(scratch, `m${index}`);
    cpSync(resolve(root, "src"), join(dir, "src"), { recursive: true, filter: (f) => !f.endsWith(".test.ts") });
    edit(dir);
    const worker = free.pop() as Worker;
    try {
      const line = await worker.ask({ src: join(dir, "src"), ...request }, options.timeoutMs);
      if (line === undefined) return { note: "timed out" };
      const answer = JSON.parse(line) as { verdicts?: Record<string, boolean>; reached?: string[]; error?: string };
      if (answer.error !== undefined) return { note: `throws: ${answer.error}` };
      return { answer };
    } finally {
      free.push(worker);
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const evaluate = async (index: number, mutant: PlannedMutant | undefined, metrics: readonly MetricId[]): Promise<MutantOutcome> => {
    const edit = (dir: string) => {
      if (mutant) writeFileSync(join(dir, mutant.file), applyMutant(sourceOf(mutant.file), mutant));
    };
    const { answer, note } = await ask(index, edit, { metrics });
    if (note !== undefined) return { killedFor: [...metrics], note };
    return { killedFor: metrics.filter((m) => answer?.verdicts?.[m] !== true) };
  };
  try {
    const all = [...new Set(planned.flatMap((m) => m.metrics))];
    const baseline = await evaluate(-1, undefined, all);
    if (baseline.killedFor.length > 0) return { baseline, mutants: [], outcomes: [] };
    const files = [...new Set(planned.map((m) => m.file))];
    const instrumented = (dir: string) => {
      for (const f of files) writeFileSync(join(dir, f), instrument(sourceOf(f), f));
    };
    const reached = new Map<MetricId, Set<string>>();
    await runPool(all, options.workers, async (metric, i) => {
      const { answer, note } = await ask(-2 - i, instrumented, { metrics: [metric], reach: true });
      if (note !== undefined || answer?.verdicts?.[metric] !== true) throw new Error(`mutants: the instrumented copy of src/ disagrees with the notebook on ${metric}${note ? ` (${note})` : ""}`);
      reached.set(metric, new Set(answer?.reached ?? []));
    });
    const mutants = inReach(planned, reached);
    options.log(`mutants: ${mutants.length} of ${planned.length} mutants sit in functions their metrics run`);
    let done = 0;
    const outcomes = await runPool(mutants, options.workers, async (m, i) => {
      const outcome = await evaluate(i, m, m.metrics);
      done++;
      if (done % 25 === 0 || done === mutants.length) options.log(`mutants: ${done}/${mutants.length}`);
      return outcome;
    });
    return { baseline, mutants, outcomes };
  } finally {
    for (const w of workers) w.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
