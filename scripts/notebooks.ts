/**
 * `npm run notebooks [-- NAME...] [--timeout SECONDS] [--jobs N]`: executes
 * notebooks/*.ipynb (or the NAMEs given: "03_valor_total", with or without
 * .ipynb, or a path) headless through Jupyter with the tslab kernel, two at
 * a time, and writes each back in canonical form once it passes the render
 * check. A notebook that fails is left untouched and reported with its
 * cell, error and stderr (or its render problems); the exit code is then 1. `npm run notebooks` builds first (prenotebooks), since
 * notebooks import the compiled toolkit.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { checkNotebooks, executeNotebook, NotebookExecutionError, type ExecuteProgress } from "../src/jupyter/index.js";
import { packageRoot } from "../src/util/paths.js";

interface Args {
  names: string[];
  timeout: number;
  jobs: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { names: [], timeout: 600, jobs: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (flag: string) => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v <= 0) throw new Error(`${flag} takes a positive integer, got ${argv[i] ?? "nothing"}`);
      return v;
    };
    if (a === "--timeout") args.timeout = value(a);
    else if (a === "--jobs") args.jobs = value(a);
    else if (a.startsWith("--")) throw new Error(`unknown option ${a} (options: --timeout SECONDS, --jobs N)`);
    else args.names.push(a);
  }
  return args;
}

function resolveNotebooks(root: string, names: readonly string[]): string[] {
  const dir = join(root, "notebooks");
  const all = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort() : [];
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
  const args = parseArgs(process.argv.slice(2));
  const paths = resolveNotebooks(root, args.names);
  if (paths.length === 0) {
    console.log("notebooks: no notebooks in notebooks/");
    return 0;
  }
  const total = paths.length;
  const failures: string[] = [];
  let next = 0;

  const runOne = async (i: number) => {
    const path = paths[i]!;
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
      const temp = join(dirname(path), `.${basename(path, ".ipynb")}.${process.pid}.tmp.ipynb`);
      writeFileSync(temp, run.text);
      try {
        const problems = checkNotebooks([temp]);
        if (problems.length > 0) {
          const lines = problems.map((p) => `${basename(path)}${p.cell !== undefined ? ` cell ${p.cell}` : ""}: ${p.reason}`);
          failures.push(`${basename(path)}: render check failed (${problems.length} problems)`);
          console.error(`${tag} ran, but fails the render check (left untouched):\n${lines.join("\n")}`);
          return;
        }
        if (before !== run.text) renameSync(temp, path);
      } finally {
        rmSync(temp, { force: true }); // no-op once renamed
      }
      console.log(`${tag} ok in ${seconds(run.timings.totalMs)} (kernel ${seconds(run.timings.kernelReadyMs)}), ${before === run.text ? "unchanged" : "written"}`);
    } catch (error) {
      const message = error instanceof NotebookExecutionError ? error.message : String((error as Error).stack ?? error);
      failures.push(message.split("\n")[0]!);
      console.error(`${tag} FAILED (left untouched)\n${message}`);
    }
  };
  const worker = async () => {
    while (next < total) await runOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(args.jobs, total) }, worker));

  if (failures.length > 0) console.error(`\nnotebooks: ${failures.length} of ${total} failed:\n${failures.map((f) => `- ${f}`).join("\n")}`);
  return failures.length > 0 ? 1 : 0;
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
