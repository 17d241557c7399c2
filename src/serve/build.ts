import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import type { LoadedData } from "../data/index.js";
import { storeScoreRun } from "../db/provenance.js";
import { fingerprintDigest } from "../db/fingerprint.js";
import type { MetricDefinition, MetricId } from "../metrics/types.js";
import { scoreAll, type ProjectScore, type ScoreRun } from "../score/index.js";
import type { ProjetoSubmetido } from "./api-types.js";
import { projectDetails } from "./details.js";
import { segmentDistributions } from "./distribution.js";
import { projectRows } from "./project-rows.js";
import { jobKey } from "./fingerprint.js";
import { syncTree } from "../util/atomic.js";
import { maskTaxIds } from "./mask.js";
import { ORDER_KEYS, sortPermutation } from "./orders.js";
import { foldText } from "./search.js";
import { loadSource, type SourceSpec } from "./source.js";
import { buildTrigramIndex } from "./trigrams.js";
import { ENTRY_FILES, writeListColumns, type EntryMeta, type ListColumns } from "./entry.js";
import { CACHE_FORMAT } from "./version.js";
import { byCodeUnit } from "../util/order.js";

/**
 * One scoring of a source, as plain data (it is posted to the build worker
 * as it is): load the tables, score them, write a cache entry into `outDir`
 * and, when `store` is set, store the run in salic_ml.
 */
export interface BuildJob {
  source: SourceSpec;
  /** The source as messages name it (masked URL for a database). */
  label: string;
  /** See ServeSource.identity. */
  identity: string | undefined;
  /** The metrics to compute, by id (the worker takes them from the registry). */
  metricIds: string[];
  /** The code version the entry is keyed by and the run stored with. */
  code: string;
  /** The source's fingerprint as read before loading. */
  files: Record<string, string>;
  /** An empty folder to write the entry into; absent to only score (and store) the run. */
  outDir?: string;
  /** Store the run into salic_ml of the database source; `startedAt` in ms since the epoch. */
  store?: { startedAt: number };
}

/** What a build gives back. */
export interface BuildResult {
  /** The entry's meta.json (when the job had an outDir). */
  meta?: EntryMeta;
  run: ScoreRun;
}

/**
 * Runs a job's loading, scoring and entry writing (not its storing: see
 * {@link storeJobRun}). Synchronous CPU work of seconds at national scale:
 * the service runs it in a build worker process while it keeps answering.
 */
export async function runBuild(job: BuildJob, metrics: readonly MetricDefinition[]): Promise<BuildResult> {
  const started = performance.now();
  const data = await loadSource(job.source);
  const loadMs = performance.now() - started;
  if (job.outDir === undefined) return { run: scoreData(data, job.label, metrics) };
  return buildEntry(
    { data, loadMs, label: job.label, metrics, files: job.files, keyOf: (files) => jobKey(job, files), database: job.source.kind === "database" },
    job.outDir,
  );
}

/** Stores a job's run in salic_ml of its database, with the fingerprint read before loading; resolves with the run's id. */
export async function storeJobRun(job: BuildJob, run: ScoreRun): Promise<number> {
  if (job.source.kind !== "database") throw new Error(`only a database source's runs are stored (${job.label} is a folder)`);
  return storeScoreRun(job.source.url, run, { dir: job.label, files: job.files }, new Date(job.store?.startedAt ?? Date.now()), {
    codeVersion: job.code,
    fingerprint: job.files,
  });
}

/** What a cache entry is built from. */
export interface BuildInput {
  /** The tables as loaded. */
  data: LoadedData;
  /** How long loading them took. */
  loadMs: number;
  /** The source as messages name it. */
  label: string;
  metrics: readonly MetricDefinition[];
  /** The source's fingerprint as read before loading (a folder's: file name → sha256). */
  files: Readonly<Record<string, string>>;
  /** The cache key of a fingerprint (with the metrics and code of this run). */
  keyOf: (files: Readonly<Record<string, string>>) => string;
  /** True for a database source (the entry then reports its fingerprint's digest). */
  database?: boolean;
}

const FLUSH_BYTES = 8 << 20;

/**
 * Scores the loaded data with the promoted modules and writes a cache entry into
 * `outDir` (an empty folder the caller renames into place when this returns):
 * the list columns, the sort permutations, the name search index, and each
 * project's details body, masked and serialised once, with an offset index.
 *
 * The entry's key and files are those of the bytes the loaders actually read
 * (their sha256s override `input.files`): if a file changed after it was
 * hashed, the entry is filed under what was scored, never under a stale key.
 * A database gives no file hashes: its entry is keyed by the fingerprint read
 * before loading, so it holds data at least as new as its key (a change in
 * between is seen by the next check, never served as unchanged).
 *
 * @throws Error when planilha_projetos is missing.
 */
export function buildEntry(input: BuildInput, outDir: string): BuildResult {
  const started = performance.now() - input.loadMs;
  const loaded = performance.now();
  const data = input.data;
  const files = { ...input.files, ...data.files };
  const projects = data.tables.planilha_projetos!;
  const run = scoreData(data, input.label, input.metrics);
  const scored = performance.now();
  const rows = projectRows(projects);
  const submitted = new Map<string, ProjetoSubmetido>();
  const submittedOf = (pronac: string): ProjetoSubmetido | undefined => {
    let found = submitted.get(pronac);
    if (found !== undefined) return found;
    const score = run.project(pronac);
    const row = rows.get(pronac);
    if (score === undefined || row === undefined) return undefined;
    found = {
      pronac,
      nome: row.nome,
      complexidade: score.complexidade,
      valor_comprovado: funds(run, score, "valor_comprovado"),
      valor_captado: funds(run, score, "valor_captado"),
      situacao: row.situacao,
      data_inicio: row.inicio,
      data_final: row.fim,
    };
    submitted.set(pronac, found);
    return found;
  };
  const distributions = segmentDistributions(data, run);

  // Stored in code-unit order: the store finds a PRONAC by binary search.
  const pronacs = [...run.pronacs].sort(byCodeUnit);
  const n = pronacs.length;
  const list: ListColumns = {
    pronac: [],
    nome: [],
    proponente: [],
    complexidade: new Float64Array(n),
    verified_funds: new Float64Array(n),
    raised_funds: new Float64Array(n),
    busca: [],
  };
  const offsets = new Float64Array(n + 1);
  const crcs = new Uint32Array(n);
  const out = openSync(join(outDir, ENTRY_FILES.details), "w");
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let offset = 0;
    pronacs.forEach((pronac, i) => {
      const score = run.project(pronac);
      if (score === undefined) throw new Error(`score run lists PRONAC ${pronac} but has no project for it`);
      const { nome, cgcCpf } = rows.get(pronac) ?? { nome: "", cgcCpf: null };
      const row = maskTaxIds({ nome, proponente: cgcCpf });
      list.pronac.push(pronac);
      list.nome.push(row.nome);
      list.proponente.push(row.proponente ?? "");
      list.complexidade[i] = score.complexidade;
      list.verified_funds[i] = funds(run, score, "valor_comprovado") ?? Number.NaN;
      list.raised_funds[i] = funds(run, score, "valor_captado") ?? Number.NaN;
      list.busca.push(foldText(row.nome));
      const context = { nome, proponente: cgcCpf, submitted: submittedOf, distribution: (metric: string) => distributions.of(metric, score) };
      const body = Buffer.from(JSON.stringify(projectDetails(score, context, run.metrics)));
      crcs[i] = crc32(body);
      pending.push(body);
      pendingBytes += body.length;
      offset += body.length;
      offsets[i + 1] = offset;
      if (pendingBytes >= FLUSH_BYTES) {
        writeSync(out, Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
      }
    });
    if (pendingBytes > 0) writeSync(out, Buffer.concat(pending));
  } finally {
    closeSync(out);
  }
  writeFileSync(join(outDir, ENTRY_FILES.detailsIndex), Buffer.from(offsets.buffer));
  writeFileSync(join(outDir, ENTRY_FILES.detailsCrc), Buffer.from(crcs.buffer));
  writeListColumns(outDir, list);
  const orders = ORDER_KEYS.map((key) => Buffer.from(sortPermutation(list, key).buffer));
  writeFileSync(join(outDir, ENTRY_FILES.orders), Buffer.concat(orders));
  const trigrams = buildTrigramIndex(list.busca);
  writeFileSync(join(outDir, ENTRY_FILES.trigramKeys), JSON.stringify(trigrams.keys));
  writeFileSync(join(outDir, ENTRY_FILES.trigramLists), Buffer.concat([Buffer.from(trigrams.starts.buffer), Buffer.from(trigrams.postings.buffer)]));

  const meta: EntryMeta = {
    format: CACHE_FORMAT,
    key: input.keyOf(files),
    data_dir: input.label,
    files,
    ...(input.database === true ? { source: { kind: "database" as const, label: input.label, fingerprint: fingerprintDigest(files) } } : {}),
    projects: run.pronacs.length,
    metrics: run.metrics.map((metric) => ({
      id: metric.id,
      weight: metric.weight,
      tail: metric.tail,
      description: metric.description,
    })),
    unavailable: Object.fromEntries(run.unavailable),
    build_ms: Math.round(performance.now() - started),
    // Projects are scored on demand (run.project), so "entry" includes building each ProjectScore.
    steps_ms: { load: Math.round(loaded - started), score: Math.round(scored - loaded), entry: Math.round(performance.now() - scored) },
  };
  // meta.json last: an entry is complete when it has one.
  writeFileSync(join(outDir, ENTRY_FILES.meta), JSON.stringify(meta));
  // Flushed here, in the build worker: hundreds of MB at national scale would hold up the service's publish.
  syncTree(outDir);
  return { meta, run };
}

function scoreData(data: LoadedData, label: string, metrics: readonly MetricDefinition[]): ScoreRun {
  if (data.tables.planilha_projetos === undefined) {
    const reason = data.missing.get("planilha_projetos") ?? `planilha_projetos not found in ${label}`;
    throw new Error(`${reason}: the service lists the projects of planilha_projetos`);
  }
  return scoreAll(data.tables, metrics);
}

// Funds come from the metrics themselves (one source of truth); null when the
// metric is not in the run or its table is missing, 0 when the project has no rows.
function funds(run: ScoreRun, score: ProjectScore, id: MetricId): number | null {
  if (run.unavailable.has(id) || !run.metrics.some((metric) => metric.id === id)) return null;
  return score.metricas[id]?.valor ?? null;
}
