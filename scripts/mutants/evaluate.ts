/**
 * Worker of `npm run mutants`: loads the sample data once, then for each
 * request line on stdin (`{"src": "<dir>", "metrics": [...]}`) imports the
 * metric modules of that (mutated) copy of src/, runs them on the data and
 * compares each metric asked for with the results its notebook published,
 * as the promotion gate does. Answers one JSON line per request:
 * `{"verdicts": {"<metric id>": true | false}}` (true = agrees) or
 * `{"error": "<message>"}` when the mutant throws. With `"reach": true` (an
 * instrumented copy, see reach.ts) the answer also lists the functions that
 * ran: `"reached": ["<file>@<n>", …]`.
 *
 * Usage: tsx scripts/mutants/evaluate.ts <data dir> <published.json>
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { loadDataDir } from "../../src/data/load.js";
import type { MetricId } from "../../src/metrics/catalog.js";
import type { MetricDefinition } from "../../src/metrics/types.js";
import type { PublishedResult } from "../../src/notebook/result.js";
import { agrees, compareResults, type ProjectValues } from "../../src/promote/compare.js";
import type { scoreAll as ScoreAll } from "../../src/score/score-all.js";
import { REACH_GLOBAL } from "./reach.js";

/** The proponent metric reads the results of every metric before it. */
const NEEDS_EARLIER: ReadonlySet<string> = new Set(["projetos_mesmo_proponente"]);

async function evaluate(src: string, metrics: readonly MetricId[], tables: ReturnType<typeof loadDataDir>["tables"], published: Record<string, PublishedResult>) {
  const { REGISTRY } = (await import(pathToFileURL(join(src, "metrics/registry.ts")).href)) as { REGISTRY: readonly MetricDefinition[] };
  const { scoreAll } = (await import(pathToFileURL(join(src, "score/score-all.ts")).href)) as { scoreAll: typeof ScoreAll };
  const wanted = new Set<string>(metrics);
  const last = Math.max(...REGISTRY.map((m, i) => (wanted.has(m.id) ? i : -1)));
  // Only what the metrics judged need: themselves, or everything before the proponent metric.
  const run = scoreAll(tables, REGISTRY.filter((m, i) => wanted.has(m.id) || (metrics.some((id) => NEEDS_EARLIER.has(id)) && i < last)));
  const verdicts: Record<string, boolean> = {};
  for (const metric of metrics) {
    const values: Record<string, unknown> = {};
    for (const pronac of run.pronacs) {
      const result = run.project(pronac)?.metricas[metric];
      if (result?.valor_valido) values[pronac] = result;
    }
    const theirs = published[metric];
    verdicts[metric] = theirs !== undefined && agrees(compareResults(theirs.projects, values as ProjectValues, theirs.tolerance));
  }
  return verdicts;
}

async function main(argv: readonly string[]): Promise<void> {
  const [dataDir, publishedFile] = argv as [string, string];
  const published = JSON.parse(readFileSync(publishedFile, "utf8")) as Record<string, PublishedResult>;
  const { tables } = loadDataDir(dataDir, { hash: false });
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    const request = JSON.parse(line) as { src: string; metrics: MetricId[]; reach?: boolean };
    const reached = new Set<string>();
    (globalThis as Record<string, unknown>)[REACH_GLOBAL] = request.reach === true ? reached : undefined;
    let answer: unknown;
    try {
      const verdicts = await evaluate(request.src, request.metrics, tables, published);
      answer = request.reach === true ? { verdicts, reached: [...reached].sort() } : { verdicts };
    } catch (error) {
      answer = { error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  }
}

await main(process.argv.slice(2));
