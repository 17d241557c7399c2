/**
 * `npm run bench:db [-- --data DIR] [--runs N] [--db URL]`: the database path
 * at national scale, each step run N times (default 3) through the built CLI
 * under GNU time, medians reported: `db import`, `score --data` (files) and
 * `score --db` (the same tables read back from PostgreSQL), with the ratio of
 * the two scores and their outputs compared byte for byte; then `serve --db`:
 * a cold start (scores and stores) and N restarts on the unchanged database. Without `--db` it
 * starts a private PostgreSQL cluster of its own (and stops it). Writes the
 * `## Database` section of BENCHMARKS.md.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { maskDatabaseUrl } from "../src/db/url.js";
import { integerOption } from "../src/util/args.js";
import { repoRelative } from "../src/util/paths.js";
import {
  BENCHMARKS_FILE,
  type BenchScript,
  benchCommandLine,
  buildForBenchmark,
  dataSentence,
  dirBytes,
  type EndToEnd,
  measuredBy,
  median,
  REPO,
  requireNationalData,
  runBenchmark,
  timedCli,
  updateBenchmarkSection,
} from "./bench-support.js";
import { type BenchServer, settledMemory, spawnServer, stopServer } from "./bench-server-process.js";
import { startPrivateCluster } from "./private-postgres.js";

const SCRIPT: BenchScript = { name: "bench:db", usage: "usage: npm run bench:db -- [--data DIR] [--runs N] [--db URL]" };
const GiB = 1024 ** 3;

runBenchmark(SCRIPT, async () => {
  const parsed = benchCommandLine(SCRIPT, { runs: { type: "string" }, db: { type: "string" } });
  if (parsed === undefined) return;
  const runs = integerOption("runs", parsed.values.runs, 3, 1, 100);
  requireNationalData(parsed.dataDir);
  buildForBenchmark(SCRIPT, "dist/src/cli.js", "so that the compiled CLI is timed");
  let stop = () => {};
  let url = parsed.values.db;
  if (url === undefined) {
    const cluster = await startPrivateCluster();
    if ("skipped" in cluster.database) throw new Error(`no database to measure: ${cluster.database.skipped} (or give --db URL)`);
    url = cluster.database.url;
    stop = cluster.stop;
  }
  const out = mkdtempSync(join(tmpdir(), "salic-bench-db-"));
  try {
    const load = loadavg()[0]!;
    const imports: EndToEnd[] = [];
    const files: EndToEnd[] = [];
    const database: EndToEnd[] = [];
    for (let i = 0; i < runs; i++) {
      imports.push(timedCli(["db", "import", "--data", parsed.dataDir, "--db", url]));
      console.error(`bench:db: import ${imports.at(-1)!.seconds.toFixed(1)} s`);
      files.push(timedCli(["score", "--data", parsed.dataDir, "--out", join(out, "files.json")]));
      console.error(`bench:db: score --data ${files.at(-1)!.seconds.toFixed(1)} s`);
      database.push(timedCli(["score", "--db", url, "--out", join(out, "db.json")]));
      console.error(`bench:db: score --db ${database.at(-1)!.seconds.toFixed(1)} s`);
    }
    const identical = readFileSync(join(out, "files.json")).equals(readFileSync(join(out, "db.json")));

    // serve --db: a cold start scores and stores the run; restarts on the unchanged database serve the cache.
    const cacheDir = join(out, "serve-cache");
    const cold = await spawnServer({ db: url }, cacheDir);
    console.error(`bench:db: serve --db cold start ${(cold.readyMs / 1000).toFixed(1)} s`);
    const coldMemory = await settledMemory(cold);
    await stopServer(cold);
    const warm: BenchServer[] = [];
    let warmMemory: Awaited<ReturnType<typeof settledMemory>> | undefined;
    for (let i = 0; i < runs; i++) {
      const server = await spawnServer({ db: url }, cacheDir);
      console.error(`bench:db: serve --db restart ${Math.round(server.readyMs)} ms`);
      if (i === 0) warmMemory = await settledMemory(server);
      await stopServer(server);
      warm.push(server);
    }
    const MiB = 1024 ** 2;
    const warmMs = median(warm.map((s) => s.readyMs));
    const row = (name: string, command: string, all: EndToEnd[]) =>
      `| ${name} | \`${command}\` | ${median(all.map((r) => r.seconds)).toFixed(2)} | ${all.map((r) => r.seconds.toFixed(2)).join(", ")} | ${(median(all.map((r) => r.maxRss)) / GiB).toFixed(2)} |`;
    const dataDir = repoRelative(REPO, parsed.dataDir);
    const ratio = median(database.map((r) => r.seconds)) / median(files.map((r) => r.seconds));
    const text = [
      "## Database",
      "",
      `${measuredBy("npm run bench:db")} ${dataSentence(dataDir, dirBytes(parsed.dataDir))}; PostgreSQL 15 ${parsed.values.db === undefined ? "(a private cluster the benchmark started, fsync off)" : maskDatabaseUrl(url)}. Load average at start ${load.toFixed(2)}; ${runs} runs each, interleaved.`,
      "",
      "| step | command | median s | runs (s) | median max RSS GiB |",
      "|---|---|---:|---|---:|",
      row("import", `salic-ml db import --data ${dataDir}`, imports),
      row("score from files", `salic-ml score --data ${dataDir} --out FILE`, files),
      row("score from the database", "salic-ml score --db URL --out FILE", database),
      "",
      `Score from the database / from files: ${ratio.toFixed(2)}× (target ≤ 1.5×). Outputs byte-identical: ${identical ? "yes" : "NO"}.`,
      "",
      "`salic-ml serve --db URL` (the compiled service in a child process, from spawning it to its first answer of `/health`):",
      "",
      `- cold start (no cache entry: scores, then stores the run in salic_ml in the background): ${(cold.readyMs / 1000).toFixed(1)} s; ` +
        `RSS ${(coldMemory.ready.rss / MiB).toFixed(0)} MB when ready → ${(coldMemory.steady.rss / MiB).toFixed(0)} MB once stored and steady;`,
      `- restart on the unchanged database (fingerprint read, cache entry served): median **${Math.round(warmMs)} ms** of ${runs} ` +
        `(${warm.map((s) => `${Math.round(s.readyMs)} ms`).join(", ")}) — ${warmMs < 1000 ? "within" : "NOT within"} the 1 s target; ` +
        `RSS ${(warmMemory!.ready.rss / MiB).toFixed(0)} → ${(warmMemory!.steady.rss / MiB).toFixed(0)} MB.`,
      "",
    ].join("\n");
    updateBenchmarkSection(BENCHMARKS_FILE, "Database", text);
    console.log(text);
    if (!identical) throw new Error("the score from the database differs from the score from files");
  } finally {
    rmSync(out, { recursive: true, force: true });
    stop();
  }
});
