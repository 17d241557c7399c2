/**
 * `npm run mutants [-- --workers N] [--timeout S] [--out FILE] [FILE…]`
 *
 * Mutation testing of the metric modules against the promotion gate's
 * evidence: each mutant of src/metrics (one operator, constant, filter or
 * date changed; see scripts/mutants/mutate.ts) is run on data-samples/ and
 * compared with the results the committed notebooks published. A mutant the
 * comparison does not catch is one the gate would promote. Writes
 * promoted/mutants.json (only when every file was mutated, i.e. no FILE given).
 */
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readPublishedResults } from "../src/jupyter/results.js";
import { PROMOTED_DIR } from "../src/promote/record-file.js";
import { MUTANTS_FILE } from "../src/promote/catalog.js";
import { readNotebook } from "../src/jupyter/types.js";
import { resultProblems, type PublishedResult } from "../src/notebook/result.js";
import { writeFileAtomic } from "../src/util/atomic.js";
import { byCodeUnit } from "../src/util/order.js";
import { REPO_FOLDERS } from "../src/util/paths.js";
import { planMutants } from "./mutants/plan.js";
import { buildReport, UNEXPLAINED } from "./mutants/report.js";
import { runMutants } from "./mutants/run.js";

/** Every metric's published result in the committed notebooks' outputs (no Jupyter). */
function publishedResults(root: string): Record<string, PublishedResult> {
  const dir = resolve(root, REPO_FOLDERS.notebooks);
  const out: Record<string, PublishedResult> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort(byCodeUnit)) {
    for (const found of readPublishedResults(readNotebook(join(dir, file)))) {
      const problems = resultProblems(found.payload);
      if (problems.length > 0) throw new Error(`${file} cell ${found.cell}: malformed result: ${problems.join("; ")}`);
      const result = found.payload as PublishedResult;
      out[result.metric] = result;
    }
  }
  return out;
}

async function main(argv: readonly string[]): Promise<number> {
  let workers = 2;
  let timeout = 120;
  let out = join(PROMOTED_DIR, MUTANTS_FILE);
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--workers") workers = Number(argv[++i]);
    else if (a === "--timeout") timeout = Number(argv[++i]);
    else if (a === "--out") out = argv[++i] as string;
    else files.push(a);
  }
  const root = resolve(import.meta.dirname, "..");
  const all = planMutants(root);
  const mutants = files.length === 0 ? all : all.filter((m) => files.includes(m.file));
  process.stdout.write(`mutants: ${mutants.length} mutants of ${new Set(mutants.map((m) => m.file)).size} files, ${workers} workers\n`);
  const started = Date.now();
  const { baseline, mutants: judged, outcomes } = await runMutants(mutants, {
    root,
    scratch: join(tmpdir(), `salic-ml-mutants-${process.pid}`),
    dataDir: REPO_FOLDERS.samples,
    published: publishedResults(root),
    workers,
    timeoutMs: timeout * 1000,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  if (baseline.killedFor.length > 0) {
    process.stderr.write(`mutants: the unmutated modules already disagree with their notebooks on ${baseline.killedFor.join(", ")}${baseline.note ? ` (${baseline.note})` : ""}; re-execute the notebooks first\n`);
    return 1;
  }
  const report = buildReport(mutants, judged, outcomes, new Date().toISOString().slice(0, 10));
  for (const [id, r] of Object.entries(report.metrics)) {
    if (r.total === 0) continue;
    const counted = r.total - (r.equivalent ?? 0);
    process.stdout.write(`${id.padEnd(40)} ${String(r.killed).padStart(4)}/${String(counted).padEnd(4)} ${((100 * r.killed) / counted).toFixed(1)} %  (${r.equivalent} equivalent, ${r.unreached} out of reach)\n`);
    for (const s of r.survivors) if (s.explanation === UNEXPLAINED) process.stdout.write(`    survives ${s.id} ${s.mutation}\n`);
  }
  if (files.length === 0) writeFileAtomic(resolve(root, out), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`mutants: done in ${((Date.now() - started) / 1000).toFixed(0)} s${files.length === 0 ? `, wrote ${out}` : ""}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
