/**
 * `npm run bench [-- --profiles LIST] [--scales LIST] [--runs N] [--data-root DIR] [--data DIR] [--stages-only]`:
 * times the score job on national-shaped data and writes the `## Score job`
 * section of BENCHMARKS.md.
 *
 * 1. For every profile (scripts/samples/profile.ts: default, items, lines,
 *    providers, long-lists, heavy) and scale factor (0.25, 1, 3 × national),
 *    the real CLI end to end (`node dist/src/cli.js score ... --out`), under
 *    GNU time, `--runs` times: the median wall time and max RSS, and how
 *    they grow with the data. A profile's data is generated first when its
 *    folder is missing (`npm run samples -- --scale national --profile P
 *    --factor F`, into `--data-root`, default the repository).
 * 2. In this process, the job as the CLI runs it, stage by stage, on the
 *    first profile at 1× (or `--data DIR`): load, each metric (timed by
 *    wrapping the registry's definitions, so scoreAll runs unchanged), the
 *    score assembly, and writing the JSON to a temp file. Peak RSS after
 *    each stage is the kernel's high-water mark (VmHWM), which also sees
 *    polars' native memory.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { REGISTRY, loadDataDir, scoreAll } from "../src/index.js";
import { integerOption, UsageError } from "../src/util/args.js";
import { scaleFactor } from "./samples/args.js";
import { SHAPE_NAMES, type ShapeName } from "./samples/profile.js";
import { repoRelative } from "../src/util/paths.js";
import { writeScoreFile } from "../src/output/index.js";
import type { MetricDefinition } from "../src/index.js";
import {
  BENCHMARKS_FILE,
  type BenchScript,
  type EndToEnd,
  benchCommandLine,
  buildForBenchmark,
  dataSentence,
  dirBytes,
  measuredBy,
  median,
  REPO,
  requireNationalData,
  runBenchmark,
  timedCli,
  updateBenchmarkSection,
} from "./bench-support.js";

const SCRIPT: BenchScript = {
  name: "bench",
  usage:
    "usage: npm run bench -- [--profiles default,items,...] [--scales 0.25,1,3] [--runs N] [--data-root DIR] [--data DIR] [--stages-only] [--no-write]",
};
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
// Issue #13's target for the whole job at 1× national on a 2-core machine, every profile (3 GB read as 3·10^9 bytes, the stricter reading).
const TARGET = { seconds: 10, rssBytes: 3e9 };

interface Stage {
  name: string;
  seconds: number;
  /** CPU time of the process (all threads, user + system) during the stage. */
  cpuSeconds: number;
  /** VmHWM (peak RSS so far) after the stage, bytes. */
  peakRss: number;
}

/** CPU seconds used by this process so far, all threads (polars works on several). */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** The process's peak resident set size so far (bytes), from /proc/self/status. */
function peakRss(): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) * 1024 : process.memoryUsage.rss();
}

async function inProcess(dataDir: string, outFile: string): Promise<{ stages: Stage[]; rows: Record<string, number>; projects: number }> {
  const stages: Stage[] = [];
  const time = <T>(name: string, job: () => T): T => {
    const start = performance.now();
    const cpu = cpuSeconds();
    const result = job();
    stages.push({ name, seconds: (performance.now() - start) / 1000, cpuSeconds: cpuSeconds() - cpu, peakRss: peakRss() });
    return result;
  };

  const loaded = time("load", () => loadDataDir(dataDir, { hash: false, columns: "required" }));
  const metricStages: Stage[] = [];
  const timed = REGISTRY.map(
    (metric): MetricDefinition => ({
      ...metric,
      compute(tables, earlier) {
        const start = performance.now();
        const cpu = cpuSeconds();
        const results = metric.compute(tables, earlier);
        const seconds = (performance.now() - start) / 1000;
        metricStages.push({ name: `metric ${metric.id}`, seconds, cpuSeconds: cpuSeconds() - cpu, peakRss: peakRss() });
        return results;
      },
    }),
  );
  const run = time("score", () => scoreAll(loaded.tables, timed));
  const scoreStage = stages.pop()!;
  const sum = (key: "seconds" | "cpuSeconds") => metricStages.reduce((total, s) => total + s[key], 0);
  stages.push(...metricStages, {
    name: "score (outside the metrics)",
    seconds: scoreStage.seconds - sum("seconds"),
    cpuSeconds: scoreStage.cpuSeconds - sum("cpuSeconds"),
    peakRss: scoreStage.peakRss,
  });

  const start = performance.now();
  const cpu = cpuSeconds();
  await writeScoreFile(outFile, run);
  stages.push({
    name: "write JSON (builds each project)",
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: cpuSeconds() - cpu,
    peakRss: peakRss(),
  });

  const rows = Object.fromEntries(Object.entries(loaded.tables).map(([table, frame]) => [table, frame.height]));
  return { stages, rows, projects: run.pronacs.length };
}



/** The built CLI scoring `dataDir` end to end, under GNU time. */
function endToEnd(dataDir: string, outFile: string): EndToEnd {
  return timedCli(["score", "--data", dataDir, "--out", outFile]);
}

const fmt = (seconds: number) => seconds.toFixed(2);
const gib = (bytes: number) => (bytes / GiB).toFixed(2);

/** One data set of the growth table: a profile at a scale, and its runs. */
export interface Measured {
  profile: ShapeName;
  factor: number;
  dir: string;
  budgetLines: number;
  outBytes: number;
  runs: EndToEnd[];
  /** 1-minute load average before each run. */
  loads: number[];
}

/** The folder of a profile at a scale factor under `root`, as `npm run samples` names it by default. */
export function dataDirOf(root: string, profile: ShapeName, factor: number): string {
  return join(root, profile === "default" && factor === 1 ? "data-national" : `data-national-${profile}${factor === 1 ? "" : `-${factor}x`}`);
}

/** A comma-separated list option, each item checked by `parse` (which throws a UsageError naming the option). */
function listOption<T>(name: string, value: string | undefined, fallback: readonly T[], parse: (item: string) => T): T[] {
  if (value === undefined) return [...fallback];
  const items = value.split(",").map((item) => item.trim());
  if (items.some((item) => item === "")) throw new UsageError(`--${name} must be a comma-separated list, got "${value}"`);
  return items.map(parse);
}

function parseProfile(item: string): ShapeName {
  if (!(SHAPE_NAMES as string[]).includes(item)) throw new UsageError(`--profiles: unknown profile "${item}" (expected ${SHAPE_NAMES.join(", ")})`);
  return item as ShapeName;
}


/**
 * The growth table: per profile and scale, the median wall time and max RSS
 * of the runs, the time per million budget lines, and the growth from the
 * previous scale of the same profile (time ratio / data ratio: 1.00 is
 * linear, above 1 worse than linear).
 */
export function growthTable(rows: readonly Measured[]): string[] {
  const lines = [
    "| profile | scale | budget lines | JSON (MiB) | median wall (s) | wall of the runs (s) | median max RSS (GiB) | load avg | s per M lines | growth vs previous scale (time ratio ÷ data ratio) |",
    "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|",
  ];
  rows.forEach((row, i) => {
    const wall = median(row.runs.map((r) => r.seconds));
    const rss = median(row.runs.map((r) => r.maxRss));
    const previous = rows[i - 1]?.profile === row.profile ? rows[i - 1] : undefined;
    let growth = "";
    if (previous !== undefined) {
      const timeRatio = wall / median(previous.runs.map((r) => r.seconds));
      const dataRatio = row.budgetLines / previous.budgetLines;
      growth = `${timeRatio.toFixed(2)} ÷ ${dataRatio.toFixed(2)} = **${(timeRatio / dataRatio).toFixed(2)}**`;
    }
    lines.push(
      `| ${row.profile} | ${row.factor}× | ${row.budgetLines.toLocaleString("en")} | ${(row.outBytes / MiB).toFixed(0)} | **${fmt(wall)}** | ` +
        `${row.runs.map((r) => fmt(r.seconds)).join(", ")} | ${gib(rss)} | ${row.loads.map((l) => l.toFixed(1)).join(", ")} | ` +
        `${(wall / (row.budgetLines / 1e6)).toFixed(2)} | ${growth} |`,
    );
  });
  return lines;
}

function stageTable(stages: readonly Stage[]): string[] {
  const total = stages.reduce((sum, s) => sum + s.seconds, 0);
  const cpuTotal = stages.reduce((sum, s) => sum + s.cpuSeconds, 0);
  return [
    "| stage | wall (s) | share of wall | CPU (s, all threads) | peak RSS so far (GiB) |",
    "|---|---:|---:|---:|---:|",
    ...stages.map((s) => `| ${s.name} | ${fmt(s.seconds)} | ${((100 * s.seconds) / total).toFixed(0)} % | ${fmt(s.cpuSeconds)} | ${gib(s.peakRss)} |`),
    `| **total** | **${fmt(total)}** | | **${fmt(cpuTotal)}** | **${gib(Math.max(...stages.map((s) => s.peakRss)))}** |`,
  ];
}

function section(args: { measured: Measured[]; stages?: { dir: string; stages: Stage[]; rows: Record<string, number> }; command: string }): string {
  const atOne = args.measured.filter((m) => m.factor === 1);
  const within = atOne.every((m) => median(m.runs.map((r) => r.seconds)) < TARGET.seconds && median(m.runs.map((r) => r.maxRss)) < TARGET.rssBytes);
  const lines = [
    "## Score job",
    "",
    `${measuredBy("npm run bench")} Command: \`${args.command}\`. The 1-minute load average before each run is in the table (other work on the machine slows the wall times).`,
    "",
    `Each row: \`/usr/bin/time -v node dist/src/cli.js score --data DIR --out FILE\` on the profile's data (\`npm run samples -- --scale national --profile P --factor F\`), the median of the runs. ` +
      `At 1× national, every profile measured is **${within ? "within" : "NOT within"}** the target of ${TARGET.seconds} s and ${TARGET.rssBytes / 1e9} GB (medians).`,
    "",
    ...growthTable(args.measured),
    "",
  ];
  if (args.stages !== undefined) {
    lines.push(
      `Stages, in one process (\`scripts/bench.ts\` under tsx) on \`${args.stages.dir}\` (` +
        Object.entries(args.stages.rows).map(([table, n]) => `${table} ${n.toLocaleString("en")} rows`).join(", ") +
        "):",
      "",
      ...stageTable(args.stages.stages),
      "",
    );
  }
  return lines.join("\n");
}

/** Generates a profile's data with the samples CLI when its folder has no tables yet. */
function ensureData(dir: string, profile: ShapeName, factor: number): void {
  if (existsSync(join(dir, "planilha_projetos.csv"))) return;
  console.error(`bench: generating ${dir} (profile ${profile}, ${factor}× national)`);
  const args = ["tsx", "scripts/generate-samples.ts", "--scale", "national", "--profile", profile, "--factor", String(factor), "--out", dir];
  const run = spawnSync("npx", args, { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });
  if (run.status !== 0) throw new Error(`generating ${dir} failed (exit ${run.status})`);
}

/** The budget lines (planilha_orcamentaria rows) of generated data, as its README counts them (a line count would also count line breaks inside quoted item names). */
function budgetLines(dir: string): number {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { rows?: Record<string, number> };
  if (manifest.rows?.["planilha_orcamentaria.csv"] !== undefined) return manifest.rows["planilha_orcamentaria.csv"];
  const readme = readFileSync(join(dir, "README.md"), "utf8");
  const match = /^\| planilha_orcamentaria\.csv \| (\d+) \|$/m.exec(readme);
  if (match) return Number(match[1]!.replaceAll(",", ""));
  throw new Error(`cannot tell the budget lines of ${dir} (no row count in its manifest.json or README.md)`);
}

async function benchMain(): Promise<void> {
  const line = benchCommandLine(SCRIPT, {
    runs: { type: "string" },
    profiles: { type: "string" },
    scales: { type: "string" },
    "data-root": { type: "string" },
    // Stages only, BENCHMARKS.md untouched: for looking into a slow stage.
    "stages-only": { type: "boolean" },
    // Print the section, leave BENCHMARKS.md as it is.
    "no-write": { type: "boolean" },
  });
  if (line === undefined) return;
  const { values } = line;
  const runs = integerOption("runs", values.runs, 3, 1, 100);
  const profiles = listOption("profiles", values.profiles, SHAPE_NAMES, parseProfile);
  const scales = listOption("scales", values.scales, [0.25, 1, 3], (item) => scaleFactor(item, "--scales: each factor"));
  const root = resolve(values["data-root"] ?? REPO);
  const temp = mkdtempSync(join(tmpdir(), "salic-bench-"));
  try {
    buildForBenchmark(SCRIPT, "dist/src/cli.js", "for the end-to-end runs");
    // --data: the stages on that folder; else on the first profile at 1× (or its first scale).
    const stageDir =
      values.data !== undefined ? line.dataDir : dataDirOf(root, profiles[0]!, scales.includes(1) ? 1 : scales[0]!);
    if (values.data === undefined) ensureData(stageDir, profiles[0]!, scales.includes(1) ? 1 : scales[0]!);
    requireNationalData(stageDir);
    console.error(`bench: in-process stages on ${stageDir}`);
    const measuredStages = await inProcess(stageDir, join(temp, "in-process.json"));
    rmSync(join(temp, "in-process.json"), { force: true });
    for (const s of measuredStages.stages) {
      console.error(`  ${s.name.padEnd(52)} ${fmt(s.seconds).padStart(7)} s wall ${fmt(s.cpuSeconds).padStart(7)} s CPU  ${gib(s.peakRss)} GiB`);
    }
    if (values["stages-only"]) return;

    const measured: Measured[] = [];
    for (const profile of profiles) {
      for (const factor of [...scales].sort((a, b) => a - b)) {
        const dir = dataDirOf(root, profile, factor);
        ensureData(dir, profile, factor);
        const row: Measured = { profile, factor, dir, budgetLines: budgetLines(dir), outBytes: 0, runs: [], loads: [] };
        for (let i = 0; i < runs; i++) {
          const outFile = join(temp, "cli.json");
          row.loads.push(loadavg()[0]!);
          row.runs.push(endToEnd(dir, outFile));
          row.outBytes = statSync(outFile).size;
          rmSync(outFile, { force: true });
          const last = row.runs.at(-1)!;
          console.error(`bench: ${profile} ${factor}× run ${i + 1}/${runs}: ${fmt(last.seconds)} s wall, ${fmt(last.cpuSeconds)} s CPU, ${gib(last.maxRss)} GiB max RSS`);
        }
        measured.push(row);
      }
    }
    const command = `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim();
    const text = section({
      measured,
      stages: { dir: repoRelative(REPO, stageDir), stages: measuredStages.stages, rows: measuredStages.rows },
      command,
    });
    // The ready-to-paste section, whatever happens to BENCHMARKS.md.
    process.stdout.write(`${text}\n`);
    if (values["no-write"]) return;
    updateBenchmarkSection(BENCHMARKS_FILE, "Score job", text);
    console.error("bench: BENCHMARKS.md updated (## Score job)");
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

runBenchmark(SCRIPT, benchMain);
