/**
 * What the benchmark scripts (scripts/bench.ts, scripts/bench-serve.ts)
 * share: their command line and exit codes, the build they time, the
 * national-scale data they read, the machine's description and their
 * sections of BENCHMARKS.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { type CommandLine, type OptionSpec, parseCommandLine, UsageError } from "../src/util/args.js";
import { writeFileAtomic } from "../src/util/atomic.js";
import { packageRoot, REPO_FOLDERS } from "../src/util/paths.js";

/** The repository (the package root): where the build, dist/ and BENCHMARKS.md are. */
export const REPO = packageRoot();

/** A benchmark script: its name in messages (`bench`, `bench:serve`) and its one-line usage. */
export interface BenchScript {
  readonly name: string;
  readonly usage: string;
}

/** The options every benchmark takes: `--data DIR` (the national-scale tables) and `--help`/`-h`. */
const COMMON_OPTIONS = { data: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

/**
 * Parses a benchmark's command line (`process.argv`): its own options, plus
 * `--data DIR` (default data-national, resolved from the working folder) and
 * `--help`/`-h`. Undefined once the help is printed (nothing to run). Bad
 * arguments throw a UsageError, which {@link runBenchmark} reports with the
 * usage and exit code 2.
 */
export function benchCommandLine<S extends OptionSpec>(
  script: BenchScript,
  spec: S,
  args: readonly string[] = process.argv.slice(2),
): { values: CommandLine<S & typeof COMMON_OPTIONS>["values"]; dataDir: string } | undefined {
  const { values } = parseCommandLine(args, { ...spec, ...COMMON_OPTIONS });
  if (values.help === true) {
    process.stdout.write(`${script.usage}\n`);
    return undefined;
  }
  // `data` is a string option of COMMON_OPTIONS (TypeScript cannot see it through the generic spec).
  return { values, dataDir: resolve((values.data as string | undefined) ?? REPO_FOLDERS.national) };
}

/** Runs a benchmark's main: a UsageError exits with 2 and the usage, any other error with 1. */
export function runBenchmark(script: BenchScript, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${script.name}: ${error.message}\n${script.usage}`);
      process.exitCode = 2;
      return;
    }
    console.error(`${script.name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}

/** Throws unless `dataDir` holds generated tables, saying how to generate the national-scale ones. */
export function requireNationalData(dataDir: string): void {
  if (!existsSync(join(dataDir, "planilha_projetos.csv"))) {
    throw new Error(`${dataDir} has no planilha_projetos.csv. Generate the national-scale data first:\n  npm run samples -- --scale national`);
  }
}

/** `npm run build`, so that what is timed is the compiled output; fails only if `needed` (under the repository) is still missing. */
export function buildForBenchmark(script: BenchScript, needed: string, why: string): void {
  console.error(`${script.name}: building (npm run build) ${why}`);
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: REPO, stdio: "inherit" });
  if (build.status !== 0 && !existsSync(join(REPO, needed))) throw new Error(`the build failed: no ${needed} to run`);
}

/** Bytes of the files below `dir`, recursively. */
export function dirBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).reduce((sum, name) => {
    const stat = statSync(join(dir, name));
    return sum + (stat.isFile() ? stat.size : 0);
  }, 0);
}

/** CPU model, cores, RAM, kernel and Node version, for a benchmark's heading. */
export function machine(): string {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "unknown CPU";
  return `${model}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${release()}, Node ${process.version}`;
}

/** A section's first sentences: which command measured it, when, and on what machine. */
export function measuredBy(command: string): string {
  return `Measured by \`${command}\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine()}.`;
}

/** "Data: `DIR` (how it is generated), N MiB of tables": the start of a section's data sentence; `dir` as the reader sees it (repository-relative). */
export function dataSentence(dir: string, bytes: number): string {
  return `Data: \`${dir}\` (\`npm run samples -- --scale national\`), ${(bytes / 1024 ** 2).toFixed(0)} MiB of tables`;
}

/** The repository's BENCHMARKS.md, one section per script. */
export const BENCHMARKS_FILE = join(REPO, "BENCHMARKS.md");

/**
 * Replaces (or appends) one `## <heading>` section of the BENCHMARKS.md at
 * `path`, leaving every other section as it is: each script owns its section.
 */
export function updateBenchmarkSection(path: string, heading: string, text: string): void {
  const current = existsSync(path)
    ? readFileSync(path, "utf8")
    : "# Benchmarks\n\nFigures written by the benchmark scripts (`npm run bench`, `npm run bench:serve`); rerun them to refresh a section.\n";
  const start = current.search(new RegExp(`^## ${heading}$`, "m"));
  if (start < 0) {
    writeFileAtomic(path, `${current.trimEnd()}\n\n${text}`);
    return;
  }
  const next = current.slice(start + 1).search(/^## /m);
  const end = next < 0 ? current.length : start + 1 + next;
  writeFileAtomic(path, `${current.slice(0, start)}${text}${next < 0 ? "" : "\n"}${current.slice(end)}`);
}

/** Wall and CPU seconds and max RSS (bytes) of one run. */
export interface EndToEnd {
  seconds: number;
  cpuSeconds: number;
  maxRss: number;
}

/** Runs the built CLI (`node dist/src/cli.js ARGS`) under GNU time: its wall and CPU time and max RSS. */
export function timedCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): EndToEnd {
  const result = spawnSync("/usr/bin/time", ["-v", process.execPath, "dist/src/cli.js", ...args], { cwd: REPO, encoding: "utf8", env });
  if (result.status !== 0) throw new Error(`salic-ml ${args[0]} failed (exit ${result.status}):\n${result.stderr}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(result.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(result.stderr);
  if (!wall || !rss || !user || !system) throw new Error(`could not read GNU time's report:\n${result.stderr}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { seconds, cpuSeconds: Number(user[1]) + Number(system[1]), maxRss: Number(rss[1]) * 1024 };
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
