/**
 * `npm run notebooks [-- NAME...] [--timeout SECONDS] [--jobs N]`: executes
 * notebooks/*.ipynb (or the NAMEs given: "03_valor_total", with or without
 * .ipynb, or a path) headless through Jupyter with the tslab kernel, two at
 * a time, and writes each back in canonical form once it passes the render
 * check. A notebook that fails is left untouched and reported with its
 * cell, error and stderr (or its render problems); the exit code is then 1
 * (2 on a bad command line). An unchanged notebook is not rewritten.
 * `npm run notebooks` builds first (prenotebooks), since notebooks import
 * the compiled toolkit.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import {
  checkNotebooks,
  DEFAULT_CELL_TIMEOUT_SECONDS,
  executeNotebook,
  NotebookExecutionError,
  type ExecuteProgress,
  type RenderProblem,
} from "../src/jupyter/index.js";
import { integerOption, parseCommandLine, secondsOption, UsageError } from "../src/util/args.js";
import { temporarySibling, writeFileAtomic } from "../src/util/atomic.js";
import { byCodeUnit } from "../src/util/order.js";
import { packageRoot, REPO_FOLDERS } from "../src/util/paths.js";
import { runPool } from "../src/util/pool.js";

const USAGE = "usage: npm run notebooks [-- NAME...] [--timeout SECONDS] [--jobs N]";

interface Args {
  names: string[];
  timeout: number;
  jobs: number;
}

/** The command line, checked: a UsageError names what is wrong. */
function parseArgs(argv: readonly string[]): Args {
  const { values, positionals } = parseCommandLine(argv, { timeout: { type: "string" }, jobs: { type: "string" } }, { positionals: true });
  return {
    names: positionals,
    timeout: secondsOption("timeout", values.timeout, DEFAULT_CELL_TIMEOUT_SECONDS),
    jobs: integerOption("jobs", values.jobs, 2, 1, 64),
  };
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
  const total = paths.length;
  const failures: string[] = [];

  const runOne = async (path: string, i: number) => {
    const tag = `[${i + 1}/${total}] ${basename(path)}`;
    const progress = (e: ExecuteProgress) => {
      if (e.kind === "kernel_ready") console.log(`${tag} kernel ready (${seconds(e.elapsedMs)})`);
      else if (e.kind === "cell") console.log(`${tag} cell ${e.cell}/${e.cells} ${e.firstLine}`);
    };
    console.log(`${tag} starting`);
    try {
      const run = await executeNotebook(path, { cellTimeoutSeconds: args.timeout, onProgress: progress });
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
  await runPool(paths, args.jobs, runOne);

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
