/**
 * `npm run notebooks [-- NAME...] [--timeout SECONDS] [--jobs N] [-p NAME=VALUE...] [-o OUT.ipynb]`:
 * executes notebooks/*.ipynb (or the NAMEs given: "03_valor_total", with or
 * without .ipynb, or a path) headless through Jupyter with the tslab kernel,
 * two at a time, and writes each back in canonical form once it passes the
 * render check. A notebook that fails is left untouched and reported with
 * its cell, error and stderr (or its render problems); the exit code is then
 * 1 (2 on a bad command line). An unchanged notebook is not rewritten.
 * `npm run notebooks` builds first (prenotebooks), since notebooks import
 * the compiled toolkit. Each cell's start and end, with the time elapsed,
 * go to stderr.
 *
 * Parameters as papermill takes them: `-p dataDir=/tmp/x` (repeatable; the
 * value is JSON when it parses, else text) is injected after the cell
 * tagged `parameters`, each name being one that cell assigns. A run with
 * parameters other than the committed ones goes to another file, `-o
 * OUT.ipynb` (one notebook), written canonical without the render check; in
 * place it is refused, since the committed file is what GitHub shows and
 * the gate promotes.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import {
  changedParameters,
  checkNotebooks,
  DEFAULT_CELL_TIMEOUT_SECONDS,
  executeNotebook,
  NotebookExecutionError,
  notebookParameters,
  parseParameterAssignment,
  readNotebook,
  type ExecuteProgress,
  type RenderProblem,
} from "../src/jupyter/index.js";
import { integerOption, parseCommandLine, secondsOption, UsageError } from "../src/util/args.js";
import { temporarySibling, writeFileAtomic } from "../src/util/atomic.js";
import { byCodeUnit } from "../src/util/order.js";
import { packageRoot, REPO_FOLDERS, repoRelative } from "../src/util/paths.js";
import { runPool } from "../src/util/pool.js";

const USAGE = "usage: npm run notebooks [-- NAME...] [--timeout SECONDS] [--jobs N] [-p NAME=VALUE...] [-o OUT.ipynb]";

interface Args {
  names: string[];
  timeout: number;
  jobs: number;
  /** -p values, by name. */
  parameters: Record<string, unknown>;
  /** -o: where the executed notebook goes instead of its own file. */
  output: string | undefined;
}

const OPTIONS = {
  timeout: { type: "string" },
  jobs: { type: "string" },
  parameter: { type: "string", short: "p", multiple: true },
  output: { type: "string", short: "o" },
} as const;

/** The command line, checked: a UsageError names what is wrong. */
function parseArgs(argv: readonly string[]): Args {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, { positionals: true });
  const parameters: Record<string, unknown> = {};
  for (const text of values.parameter ?? []) {
    let name: string, value: unknown;
    try {
      [name, value] = parseParameterAssignment(text);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (name in parameters) throw new UsageError(`-p ${name} given more than once`);
    parameters[name] = value;
  }
  if (values.output !== undefined && !values.output.endsWith(".ipynb")) throw new UsageError(`-o must name a .ipynb file, got "${values.output}"`);
  if (values.output !== undefined && positionals.length !== 1) throw new UsageError("-o writes one notebook: give exactly one NAME");
  return {
    names: positionals,
    timeout: secondsOption("timeout", values.timeout, DEFAULT_CELL_TIMEOUT_SECONDS),
    jobs: integerOption("jobs", values.jobs, 2, 1, 64),
    parameters,
    output: values.output === undefined ? undefined : resolve(values.output),
  };
}

/** A run of one notebook: what to inject and where the result goes. */
interface Plan {
  path: string;
  /** Parameters to inject; undefined when the committed ones are used. */
  parameters: Record<string, unknown> | undefined;
  /** The file written: the notebook itself, or -o's. */
  target: string;
}

/**
 * Checks the -p names against each notebook and decides where its run goes;
 * a UsageError names the parameter and notebook, or the option to use.
 */
function plan(root: string, paths: readonly string[], args: Args): Plan[] {
  const given = Object.keys(args.parameters).length > 0;
  return paths.map((path) => {
    const shown = displayed(root, path);
    let changed: string[] = [];
    if (given) {
      try {
        changed = changedParameters(readNotebook(path), args.parameters, shown);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    }
    const target = args.output ?? path;
    if (target === resolve(path) && changed.length > 0) {
      const committed = notebookParameters(readNotebook(path));
      const differing = changed.map((n) => `-p ${n}=${JSON.stringify(args.parameters[n])} (committed: ${JSON.stringify(committed[n])})`).join(", ");
      throw new UsageError(`${differing} would execute ${shown} in place with other parameters than its committed ones: write the run elsewhere with -o OUT.ipynb`);
    }
    return { path, parameters: changed.length > 0 ? args.parameters : undefined, target };
  });
}

function displayed(root: string, path: string): string {
  const rel = repoRelative(root, resolve(path));
  return rel.startsWith("..") ? resolve(path) : rel;
}

function resolveNotebooks(root: string, names: readonly string[]): string[] {
  const dir = join(root, REPO_FOLDERS.notebooks);
  const all = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort(byCodeUnit) : [];
  if (names.length === 0) return all.map((f) => join(dir, f));
  return names.map((name) => {
    for (const candidate of [resolve(name), join(dir, name), join(dir, `${name}.ipynb`)]) {
      if (candidate.endsWith(".ipynb") && existsSync(candidate)) return candidate;
    }
    throw new Error(`notebook ${name} not found in notebooks/ (available: ${all.join(", ") || "none"})`);
  });
}

async function main(): Promise<number> {
  const root = packageRoot();
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`notebooks: ${error.message}\n${USAGE}`);
    return 2;
  }
  const paths = resolveNotebooks(root, args.names);
  if (paths.length === 0) {
    console.log("notebooks: no notebooks in notebooks/");
    return 0;
  }
  let plans: Plan[];
  try {
    plans = plan(root, paths, args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`notebooks: ${error.message}`);
    return 2;
  }
  const total = paths.length;
  const failures: string[] = [];

  const runOne = async ({ path, parameters, target }: Plan, i: number) => {
    const tag = `[${i + 1}/${total}] ${basename(path)}`;
    const progress = (e: ExecuteProgress) => {
      if (e.kind === "kernel_ready") console.error(`${tag} kernel ready (${seconds(e.elapsedMs)})`);
      else if (e.kind === "cell") console.error(`${tag} cell ${e.cell}/${e.cells} started at ${seconds(e.elapsedMs)}: ${e.firstLine}`);
      else if (e.kind === "cell_done") console.error(`${tag} cell ${e.cell}/${e.cells} finished in ${seconds(e.cellMs)} (${seconds(e.elapsedMs)} elapsed)`);
    };
    console.log(`${tag} starting${parameters !== undefined ? ` with ${Object.entries(parameters).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")}` : ""}`);
    try {
      const run = await executeNotebook(path, { cellTimeoutSeconds: args.timeout, onProgress: progress, ...(parameters !== undefined ? { parameters } : {}) });
      if (target !== resolve(path)) {
        // Another file: a run with other parameters, which the committed-notebook render check would not pass.
        writeFileAtomic(target, run.text);
        console.log(`${tag} ok in ${seconds(run.timings.totalMs)} (kernel ${seconds(run.timings.kernelReadyMs)}), written to ${displayed(root, target)}`);
        return;
      }
      const before = readFileSync(path, "utf8");
      // The executed file replaces the committed one only if it passes the render check (and atomically).
      const problems = renderProblems(path, run.text);
      if (problems.length > 0) {
        const lines = problems.map((p) => `${basename(path)}${p.cell !== undefined ? ` cell ${p.cell}` : ""}: ${p.reason}`);
        failures.push(`${basename(path)}: render check failed (${problems.length} problems)`);
        console.error(`${tag} ran, but fails the render check (left untouched):\n${lines.join("\n")}`);
        return;
      }
      if (before !== run.text) writeFileAtomic(path, run.text);
      console.log(`${tag} ok in ${seconds(run.timings.totalMs)} (kernel ${seconds(run.timings.kernelReadyMs)}), ${before === run.text ? "unchanged" : "written"}`);
    } catch (error) {
      const message = error instanceof NotebookExecutionError ? error.message : String((error as Error).stack ?? error);
      failures.push(message.split("\n")[0]!);
      console.error(`${tag} FAILED (left untouched)\n${message}`);
    }
  };
  await runPool(plans, args.jobs, runOne);

  if (failures.length > 0) console.error(`\nnotebooks: ${failures.length} of ${total} failed:\n${failures.map((f) => `- ${f}`).join("\n")}`);
  return failures.length > 0 ? 1 : 0;
}

/** The render check of `text` as the file `path` would hold it, run on a temporary sibling (removed after). */
function renderProblems(path: string, text: string): RenderProblem[] {
  const temp = temporarySibling(path);
  try {
    writeFileSync(temp, text, { flag: "wx" });
    return checkNotebooks([temp]);
  } finally {
    rmSync(temp, { force: true });
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`notebooks: ${error.message}`);
    process.exit(2);
  },
);
