/**
 * `npm run bench [-- --data DIR] [--runs N] [--stages-only]`: times the score job on the
 * national-scale data and writes the `## Score job` section of BENCHMARKS.md.
 *
 * 1. In this process, the job as the CLI runs it, stage by stage: load, each
 *    metric (timed by wrapping the registry's definitions, so scoreAll runs
 *    unchanged), the score assembly, and writing the JSON to a temp file
 *    (projects are built on demand while writing, so that stage includes
 *    them). Peak RSS after each stage is the kernel's high-water mark
 *    (VmHWM), which also sees polars' native memory.
 * 2. The real CLI end to end (`node dist/src/cli.js score ... --out`), under
 *    GNU time for its wall time and max RSS: the figure the target is about.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { REGISTRY, loadDataDir, scoreAll } from "../src/index.js";
import { integerOption } from "../src/util/args.js";
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
  REPO,
  requireNationalData,
  runBenchmark,
  timedCli,
  updateBenchmarkSection,
} from "./bench-support.js";

const SCRIPT: BenchScript = { name: "bench", usage: "usage: npm run bench -- [--data DIR] [--runs N] [--stages-only]" };
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
// The issue's target for the whole job on a 2-core, 24 GB machine (4 GB read as 4·10^9 bytes, the stricter reading).
const TARGET = { seconds: 15, rssBytes: 4e9 };

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

  const loaded = time("load", () => loadDataDir(dataDir, { hash: false }));
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

function section(args: {
  dataDir: string;
  dataBytes: number;
  rows: Record<string, number>;
  projects: number;
  stages: Stage[];
  cli: EndToEnd[];
  outBytes: number;
  loadAverage: number;
}): string {
  const total = args.stages.reduce((sum, s) => sum + s.seconds, 0);
  const cpuTotal = args.stages.reduce((sum, s) => sum + s.cpuSeconds, 0);
  const best = args.cli.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const worstRss = Math.max(...args.cli.map((c) => c.maxRss));
  const verdict = best.seconds < TARGET.seconds && worstRss < TARGET.rssBytes ? "within" : "NOT within";
  const lines = [
    "## Score job",
    "",
    `${measuredBy("npm run bench")} ` +
      `Load average when the bench started: ${args.loadAverage.toFixed(1)} (other work on the machine slows the wall times; CPU times are steadier).`,
    "",
    `${dataSentence(args.dataDir, args.dataBytes)}: ` +
      Object.entries(args.rows).map(([table, n]) => `${table} ${n.toLocaleString("en")} rows`).join(", ") +
      `; ${args.projects.toLocaleString("en")} projects scored. JSON output: ${(args.outBytes / MiB).toFixed(0)} MiB.`,
    "",
    `**End to end** (\`/usr/bin/time -v node dist/src/cli.js score --data ${args.dataDir} --out FILE\`, ` +
      `${args.cli.length === 1 ? "1 run" : `best of ${args.cli.length} runs`}): ` +
      `**${fmt(best.seconds)} s wall, ${gib(worstRss)} GiB max RSS** (${fmt(best.cpuSeconds)} s CPU, user + system), ` +
      `${verdict} the target of ${TARGET.seconds} s and ${TARGET.rssBytes / 1e9} GB. ` +
      (args.cli.length > 1 ? `Wall times of the runs: ${args.cli.map((c) => fmt(c.seconds)).join(", ")} s. ` : "") +
      `(For scale: a vectorised pandas implementation of the same spec takes about 150 s and 2.7 GB here.)`,
    "",
    "Stages, in one process (`scripts/bench.ts` under tsx):",
    "",
    "| stage | wall (s) | share of wall | CPU (s, all threads) | peak RSS so far (GiB) |",
    "|---|---:|---:|---:|---:|",
    ...args.stages.map(
      (s) => `| ${s.name} | ${fmt(s.seconds)} | ${((100 * s.seconds) / total).toFixed(0)} % | ${fmt(s.cpuSeconds)} | ${gib(s.peakRss)} |`,
    ),
    `| **total** | **${fmt(total)}** | | **${fmt(cpuTotal)}** | **${gib(Math.max(...args.stages.map((s) => s.peakRss)))}** |`,
    "",
  ];
  return lines.join("\n");
}


async function benchMain(): Promise<void> {
  const line = benchCommandLine(SCRIPT, {
    runs: { type: "string" },
    // Stages only, BENCHMARKS.md untouched: for looking into a slow stage.
    "stages-only": { type: "boolean" },
  });
  if (line === undefined) return;
  const { values, dataDir } = line;
  const runs = integerOption("runs", values.runs, 3, 1, 100);
  requireNationalData(dataDir);
  const loadAverage = loadavg()[0]!;
  const dataBytes = dirBytes(dataDir);
  const temp = mkdtempSync(join(tmpdir(), "salic-bench-"));
  try {
    buildForBenchmark(SCRIPT, "dist/src/cli.js", "for the end-to-end run");

    console.error("bench: in-process stages");
    const measured = await inProcess(dataDir, join(temp, "in-process.json"));
    const outBytes = statSync(join(temp, "in-process.json")).size;
    for (const s of measured.stages) {
      console.error(`  ${s.name.padEnd(52)} ${fmt(s.seconds).padStart(7)} s wall ${fmt(s.cpuSeconds).padStart(7)} s CPU  ${gib(s.peakRss)} GiB`);
    }

    if (values["stages-only"]) return;
    const cli: EndToEnd[] = [];
    for (let i = 0; i < runs; i++) {
      console.error(`bench: end to end, run ${i + 1} of ${runs}`);
      const outFile = join(temp, "cli.json");
      cli.push(endToEnd(dataDir, outFile));
      rmSync(outFile, { force: true });
      const last = cli.at(-1)!;
      console.error(`  ${fmt(last.seconds)} s wall, ${fmt(last.cpuSeconds)} s CPU, ${gib(last.maxRss)} GiB max RSS`);
    }
    updateBenchmarkSection(BENCHMARKS_FILE, "Score job", section({ dataDir: repoRelative(REPO, dataDir), dataBytes, ...measured, cli, outBytes, loadAverage }));
    console.error("bench: BENCHMARKS.md updated (## Score job)");
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

runBenchmark(SCRIPT, benchMain);
