/**
 * The results store that SALIC reads: schema `salic_ml`, one row per run in
 * `execucoes`, the run's projects in `projetos` and every metric result in
 * `resultados`. A run is written in one transaction: readers see the previous
 * complete run until it commits, and a run that fails or is killed leaves it
 * intact. The latest run is the largest `execucoes.id`; older runs beyond
 * `keep` are deleted by the same transaction.
 *
 * @module
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { ScoreRun } from "../score/score-all.js";
import { inTransaction } from "./connect.js";
import { ident } from "./ident.js";

/** The schema of the results. */
export const RESULTS_SCHEMA = "salic_ml";

/** The common fields of a result, stored in columns; every other field goes to `detalhes`. */
const COMMON = new Set(["valor", "is_outlier", "valor_valido", "minimo_esperado", "maximo_esperado"]);

/** DDL of the results store (idempotent). */
export const RESULTS_DDL = `
CREATE TABLE IF NOT EXISTS salic_ml.execucoes (
  id bigserial PRIMARY KEY,
  iniciada_em timestamptz NOT NULL,
  concluida_em timestamptz NOT NULL,
  versao_codigo text NOT NULL,
  registros_promocao jsonb NOT NULL,
  fonte text NOT NULL,
  impressao_fonte jsonb NOT NULL,
  projetos integer NOT NULL
);
CREATE TABLE IF NOT EXISTS salic_ml.projetos (
  execucao bigint NOT NULL REFERENCES salic_ml.execucoes (id) ON DELETE CASCADE,
  pronac text NOT NULL,
  complexidade numeric(3, 1) NOT NULL,
  admissibilidade smallint NOT NULL,
  PRIMARY KEY (execucao, pronac)
);
CREATE TABLE IF NOT EXISTS salic_ml.resultados (
  execucao bigint NOT NULL,
  pronac text NOT NULL,
  metrica text NOT NULL,
  valor double precision NOT NULL,
  is_outlier boolean NOT NULL,
  valor_valido boolean NOT NULL,
  minimo_esperado double precision,
  maximo_esperado double precision,
  detalhes jsonb NOT NULL,
  PRIMARY KEY (execucao, pronac, metrica),
  FOREIGN KEY (execucao, pronac) REFERENCES salic_ml.projetos (execucao, pronac) ON DELETE CASCADE
);
`;

/** What a stored run records about itself. */
export interface RunProvenance {
  startedAt: Date;
  /** The code that computed it (src/serve/version.ts codeVersion). */
  codeVersion: string;
  /** sha256 of each promoted metric's record file, by metric. */
  promotionRecords: Readonly<Record<string, string>>;
  /** The source, masked (a folder path or the database URL without password). */
  source: string;
  /** The source's fingerprint (file hashes, or the database's, see fingerprint.ts). */
  sourceFingerprint: Readonly<Record<string, string>>;
}

/**
 * Creates the store's schema (when missing) and tables (when missing). A
 * role given only USAGE and CREATE on an existing salic_ml (see
 * `grantsSql`) never needs the right to create schemas.
 */
export async function ensureResultsSchema(client: pg.Client): Promise<void> {
  const exists = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [RESULTS_SCHEMA]);
  if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${ident(RESULTS_SCHEMA)}`);
  await client.query(RESULTS_DDL);
}

/**
 * The grants an administrator runs for the role salic-ml connects as: read
 * the Salic tables (also those a later import re-creates), write only its
 * results. SALIC's own readers need just USAGE on salic_ml and SELECT on its
 * tables. The role name is checked as a plain identifier.
 */
export function grantsSql(role: string): string {
  const r = ident(role);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${RESULTS_SCHEMA};`,
    `GRANT USAGE ON SCHEMA salic TO ${r};`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA salic TO ${r};`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA salic GRANT SELECT ON TABLES TO ${r};`,
    `GRANT USAGE, CREATE ON SCHEMA ${RESULTS_SCHEMA} TO ${r};`,
    "",
  ].join("\n");
}

/**
 * Writes `run` as a new execucao, in one transaction, and deletes the runs
 * before the `keep` most recent ones. Resolves with the new run's id.
 */
export async function storeRun(client: pg.Client, run: ScoreRun, provenance: RunProvenance, keep = 2): Promise<number> {
  await ensureResultsSchema(client);
  return inTransaction(client, async () => {
    // One writer at a time: a second store waits here instead of interleaving ids.
    await client.query("LOCK TABLE salic_ml.execucoes IN SHARE ROW EXCLUSIVE MODE");
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO salic_ml.execucoes (iniciada_em, concluida_em, versao_codigo, registros_promocao, fonte, impressao_fonte, projetos)
       VALUES ($1, now(), $2, $3, $4, $5, $6) RETURNING id`,
      [provenance.startedAt, provenance.codeVersion, provenance.promotionRecords, provenance.source, provenance.sourceFingerprint, run.pronacs.length],
    );
    const id = Number(inserted.rows[0]!.id);
    await copyRows(client, "COPY salic_ml.projetos (execucao, pronac, complexidade, admissibilidade) FROM STDIN", projectRows(run, id));
    await copyRows(
      client,
      "COPY salic_ml.resultados (execucao, pronac, metrica, valor, is_outlier, valor_valido, minimo_esperado, maximo_esperado, detalhes) FROM STDIN",
      resultRows(run, id),
    );
    await client.query(
      "DELETE FROM salic_ml.execucoes WHERE id NOT IN (SELECT id FROM salic_ml.execucoes ORDER BY id DESC LIMIT $1)",
      [Math.max(1, keep)],
    );
    return id;
  });
}

async function copyRows(client: pg.Client, sql: string, rows: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(batches(rows)), client.query(copyFrom(sql)));
}

/** Rows joined into chunks of about a megabyte (one stream write per row is slow). */
function* batches(rows: Iterable<string>): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += row;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}

function* projectRows(run: ScoreRun, id: number): Generator<string> {
  for (const pronac of run.pronacs) {
    const project = run.project(pronac)!;
    yield `${id}\t${text(pronac)}\t${project.complexidade}\t${project.admissibilidade}\n`;
  }
}

function* resultRows(run: ScoreRun, id: number): Generator<string> {
  for (const pronac of run.pronacs) {
    const project = run.project(pronac)!;
    for (const metric of run.metrics) {
      const result = project.metricas[metric.id];
      const detalhes: Record<string, unknown> = {};
      for (const key of Object.keys(result)) if (!COMMON.has(key)) detalhes[key] = result[key] ?? null;
      yield [
        id,
        text(pronac),
        metric.id,
        result.valor,
        result.is_outlier,
        result.valor_valido,
        nullable(result.minimo_esperado),
        nullable(result.maximo_esperado),
        text(JSON.stringify(detalhes)),
      ].join("\t") + "\n";
    }
  }
}

function nullable(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "\\N" : String(value);
}

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
function text(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);
}
