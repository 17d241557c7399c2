/**
 * `npm run bench:serve [-- --data DIR] [--cache DIR] [--duration S] [--connections N] [--cold] [--skip-build]`:
 * measures the service on national-scale data and writes the `## Service load`
 * section of BENCHMARKS.md.
 *
 * 1. Start-up: the server runs in a child process, from the compiled output
 *    (`npm run build` first); the time from spawning it to its first answer is measured
 *    for a cold start (no cache entry: the promoted modules score the data;
 *    only with `--cold`, or when there is no entry yet) and for restarts on
 *    unchanged data (cache hits; best and worst of 3).
 * 2. Load: autocannon in this process (loopback) against the child, one run
 *    per endpoint mix — details of random projects, then the list with random
 *    pages, orders and filters — each after a 5 s warm-up. The child's memory
 *    (RSS, and heap after a forced GC) is sampled every 5 s to show whether it
 *    grows. The machine's 2 cores are shared by the server and the load
 *    generator, as they would be in a test.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import {
  BENCHMARKS_FILE,
  type BenchScript,
  benchCommandLine,
  buildForBenchmark,
  dataSentence,
  dirBytes,
  measuredBy,
  REPO as repo,
  requireNationalData,
  runBenchmark,
  updateBenchmarkSection,
} from "./bench-support.js";
import { openStore } from "../src/serve/index.js";
import { type BenchServer as Server, type Memory, memoryOf, settledMemory, spawnServer, stopServer } from "./bench-server-process.js";
import { integerOption } from "../src/util/args.js";
import { repoRelative } from "../src/util/paths.js";

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: { method: "GET"; setupRequest: (request: { path?: string }) => { path?: string } }[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const SCRIPT: BenchScript = {
  name: "bench:serve",
  usage: "usage: npm run bench:serve -- [--data DIR] [--cache DIR] [--duration S] [--connections N] [--cold] [--skip-build]",
};
const TARGET = { requestsPerSecond: 3000, p99Ms: 20, restartMs: 1000 };
const MB = 1024 ** 2;

type StartMemory = Awaited<ReturnType<typeof settledMemory>>;

/** Deterministic choices (mulberry32), so every run asks the same sequence. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface LoadResult {
  name: string;
  /** The machine's 1-minute load average before the run (other work competes for the 2 cores). */
  loadBefore: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  memory: Memory[];
}

async function load(server: Server, name: string, nextPath: () => string, seconds: number, connections: number): Promise<LoadResult> {
  const options = {
    url: server.url,
    connections,
    requests: [{ method: "GET" as const, setupRequest: (request: { path?: string }) => ({ ...request, path: nextPath() }) }],
  };
  const loadBefore = loadavg()[0]!;
  await autocannon({ ...options, duration: 5 });
  const memory: Memory[] = [await memoryOf(server)];
  const running = autocannon({ ...options, duration: seconds });
  // One probe at a time, every 5 s while the load runs.
  for (let t = 5; t < seconds; t += 5) {
    await new Promise((wait) => setTimeout(wait, 5000));
    memory.push(await memoryOf(server));
  }
  const result = await running;
  memory.push(await memoryOf(server));
  return {
    name,
    loadBefore,
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    memory,
  };
}


function cacheEntries(cacheDir: string): string[] {
  return existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => /^[0-9a-f]{64}$/.test(name)) : [];
}

function section(args: {
  dataDir: string;
  dataBytes: number;
  projects: number;
  entryBytes: number;
  cold?: Server;
  memory: { first: StartMemory; restart: StartMemory };
  restarts: Server[];
  loads: LoadResult[];
  connections: number;
  seconds: number;
}): string {
  const ms = (value: number) => `${Math.round(value)} ms`;
  const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
  const readies = args.restarts.map((s) => s.readyMs);
  const restartOk = Math.max(...readies) < TARGET.restartMs;
  const lines = [
    "## Service load",
    "",
    `${measuredBy("npm run bench:serve")} ` +
      "Server and load generator (autocannon, loopback) share the machine's cores.",
    "",
    `${dataSentence(args.dataDir, args.dataBytes)}, ` +
      `${args.projects.toLocaleString("en")} projects; cache entry ${mb(args.entryBytes)} (details stay on disk and are read per request).`,
    "",
    "**Start-up** (spawning `node` on the compiled service until its first answer of `/health`; in brackets, inside the process from importing the service to listening):",
    "",
    args.cold === undefined
      ? "- cold start (no cache entry): not measured this run (`npm run bench:serve -- --cold` to include it);"
      : `- cold start, no cache entry — the promoted modules score the data and the entry is written: **${(args.cold.readyMs / 1000).toFixed(1)} s** (${(args.cold.startMs / 1000).toFixed(1)} s);`,
    `- restart on unchanged data (cache hit), ${args.restarts.length} runs: **${args.restarts.map((s) => ms(s.readyMs)).join(", ")}** ` +
      `(${args.restarts.map((s) => ms(s.startMs)).join(", ")}) — ${restartOk ? "within" : "NOT within"} the 1 s target.`,
    "",
    "**Memory after a start** (RSS when ready → steady: after the background work, 5 s and a forced GC later — what the process keeps for its life; scoring runs in a child process whose memory goes when it exits):",
    "",
    `- ${args.cold === undefined ? "first start (from the cache this run)" : "cold start (scored)"}: ${mb(args.memory.first.ready.rss)} → **${mb(args.memory.first.steady.rss)}**;`,
    `- restart from the cache: ${mb(args.memory.restart.ready.rss)} → **${mb(args.memory.restart.steady.rss)}**.`,
    "",
    `**Load** (${args.seconds} s per endpoint after a 5 s warm-up, ${args.connections} connections, no pipelining; ` +
      `targets ≥ ${TARGET.requestsPerSecond} requests/s and p99 ≤ ${TARGET.p99Ms} ms):`,
    "",
    "| endpoint mix | requests | req/s | p50 (ms) | p99 (ms) | max (ms) | errors | non-2xx | load avg before | verdict |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...args.loads.map((l) => {
      const ok = l.perSecond >= TARGET.requestsPerSecond && l.p99 <= TARGET.p99Ms && l.errors === 0 && l.non2xx === 0;
      return (
        `| ${l.name} | ${l.requests.toLocaleString("en")} | ${Math.round(l.perSecond).toLocaleString("en")} | ${l.p50} | ${l.p99} | ${l.max} | ${l.errors} | ${l.non2xx} | ` +
        `${l.loadBefore.toFixed(1)} | ${ok ? "within" : "NOT within"} |`
      );
    }),
    "",
    "**Memory** of the server during each run, sampled every 5 s (MB; the heap after a forced GC):",
    "",
    "| endpoint mix | | samples (start → end) |",
    "|---|---|---|",
    ...args.loads.flatMap((l) => [
      `| ${l.name.split(" (")[0]} | RSS | ${l.memory.map((m) => (m.rss / MB).toFixed(0)).join(" → ")} |`,
      `| | heap used | ${l.memory.map((m) => (m.heapUsed / MB).toFixed(0)).join(" → ")} |`,
      `| | heap committed | ${l.memory.map((m) => (m.heapTotal / MB).toFixed(0)).join(" → ")} |`,
      `| | external | ${l.memory.map((m) => (m.external / MB).toFixed(0)).join(" → ")} |`,
    ]),
    "",
    ...args.loads.map((l) => {
      const first = l.memory[0]!;
      const middle = l.memory[Math.floor(l.memory.length / 2)]!;
      const last = l.memory[l.memory.length - 1]!;
      const grew = (a: number, b: number) => b > a * 1.2 + 2 * MB;
      const leak = grew(first.heapUsed, last.heapUsed) || grew(first.external, last.external);
      return (
        `- ${l.name.split(" (")[0]}: heap used and external memory ${leak ? "**GREW**" : "stayed flat"} ` +
        `(${mb(first.heapUsed + first.external)} → ${mb(last.heapUsed + last.external)}); ` +
        `RSS ${mb(first.rss)} at the start, ${mb(middle.rss)} mid-run, ${mb(last.rss)} at the end ` +
        `(of which V8's committed heap ${mb(first.heapTotal)} → ${mb(last.heapTotal)}).`
      );
    }),
    "",
  ];
  return lines.join("\n");
}


async function main(): Promise<void> {
  const line = benchCommandLine(SCRIPT, {
    cache: { type: "string" },
    duration: { type: "string" },
    connections: { type: "string" },
    cold: { type: "boolean" },
    "skip-build": { type: "boolean" },
  });
  if (line === undefined) return;
  const { values, dataDir } = line;
  const cacheDir = resolve(values.cache ?? join(repo, ".cache", "bench-serve"));
  const seconds = integerOption("duration", values.duration, 60, 1, 3600);
  const connections = integerOption("connections", values.connections, 10, 1, 10_000);
  requireNationalData(dataDir);
  if (values.cold) rmSync(cacheDir, { recursive: true, force: true });
  if (!values["skip-build"]) buildForBenchmark(SCRIPT, "dist/src/serve/index.js", "— the server runs from dist/ as `npm start` does");

  console.error(`bench:serve: starting the server over ${dataDir}`);
  const entriesBefore = cacheEntries(cacheDir);
  const first = await spawnServer({ dataDir }, cacheDir);
  // A first start that wrote a new entry was a cold one (scored the data).
  const cold = cacheEntries(cacheDir).some((entry) => !entriesBefore.includes(entry)) ? first : undefined;
  console.error(`  first start ${Math.round(first.readyMs)} ms`);
  const firstMemory = await settledMemory(first);
  await stopServer(first);
  const restarts: Server[] = [];
  let restartMemory: StartMemory | undefined;
  for (let i = 0; i < 3; i++) {
    const server = await spawnServer({ dataDir }, cacheDir);
    console.error(`  restart ${i + 1}: ${Math.round(server.readyMs)} ms (startServer ${Math.round(server.startMs)} ms)`);
    if (i === 0) restartMemory = await settledMemory(server);
    if (i < 2) await stopServer(server);
    restarts.push(server);
  }
  const server = restarts[restarts.length - 1]!;

  // What to ask for: the projects and the words of their names, from the cache entry the server uses.
  // The entry the server opened (its key from /health): opening it by key never recomputes.
  const { cache_key: key } = (await (await fetch(`${server.url}/health`)).json()) as { cache_key: string };
  const store = await openStore(join(cacheDir, key));
  const { pronac, busca } = store.columns;
  const pronacs = Array.from({ length: pronac.length }, (_, i) => pronac.get(i));
  const names = Array.from({ length: Math.min(busca.length, 20_000) }, (_, i) => busca.get(i));
  // Search texts as typed: the words of project names and their prefixes from 3 letters.
  const words = [
    ...new Set(names.flatMap((name) => name.split(/\s+/)).flatMap((w) => Array.from({ length: Math.max(0, w.length - 2) }, (_, i) => w.slice(0, i + 3)))),
  ].sort();
  const entryBytes = dirBytes(join(cacheDir, store.meta.key));
  await store.close();

  const pick = random(20190101);
  const choose = <T>(list: readonly T[]): T => list[Math.floor(pick() * list.length)]!;
  const detailsPath = () => `/v1/projects/${choose(pronacs)}/details/`;
  const orders = ["-complexidade", "complexidade", "nome", "-nome", "pronac", "-pronac", "responsavel", "-responsavel"];
  const listPath = () => {
    const params = new URLSearchParams();
    const kind = pick();
    if (kind < 0.4) params.set("nome__icontains", choose(words));
    else if (kind < 0.6) params.set("complexidade__gt", choose(["0", "1.5", "3", "4.5", "6"]));
    else if (kind < 0.8) {
      params.set("nome__icontains", choose(words));
      params.set("complexidade__gt", choose(["0", "3"]));
    }
    params.set("order_by", choose(orders));
    // Filtered lists are asked for their first page (a later one may not exist); whole lists for any of 1,000.
    params.set("page", String(params.has("nome__icontains") || params.has("complexidade__gt") ? 1 : 1 + Math.floor(pick() * 1000)));
    return `/v1/projects/?${params}`;
  };
  const loads: LoadResult[] = [];
  for (const [name, path] of [
    ["`GET /v1/projects/{random pronac}/details/`", detailsPath],
    [
      `\`GET /v1/projects/?…\` (random order; 80 % filtered by \`nome__icontains\` — ${words.length.toLocaleString("en")} words of names and their prefixes — and/or \`complexidade__gt\`, page 1; 20 % unfiltered, pages 1–1,000)`,
      listPath,
    ],
  ] as const) {
    console.error(`bench:serve: load ${name}`);
    const result = await load(server, name, path, seconds, connections);
    console.error(`  ${Math.round(result.perSecond)} req/s, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}`);
    loads.push(result);
  }
  await stopServer(server);

  updateBenchmarkSection(
    BENCHMARKS_FILE,
    "Service load",
    section({
      dataDir: repoRelative(repo, dataDir),
      dataBytes: dirBytes(dataDir),
      projects: pronacs.length,
      entryBytes,
      cold,
      memory: { first: firstMemory, restart: restartMemory! },
      restarts,
      loads,
      connections,
      seconds,
    }),
  );
  console.error("bench:serve: BENCHMARKS.md updated (## Service load)");
}

runBenchmark(SCRIPT, main);
