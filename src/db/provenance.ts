/**
 * What a stored run records about itself, assembled once for `salic-ml score
 * --store` and for `salic-ml serve --db` (which stores each run it scores).
 *
 * @module
 */
import type pg from "pg";
import type { LoadedData } from "../data/load.js";
import { promotionRecordDigests } from "../metrics/promoted.js";
import type { ScoreRun } from "../score/score-all.js";
import { codeVersion as currentCodeVersion } from "../serve/version.js";
import { withClient } from "./connect.js";
import { databaseFingerprint } from "./fingerprint.js";
import { RESULTS_SCHEMA, storeRun, type RunProvenance } from "./store.js";

/** Options of {@link storeScoreRun}. */
export interface StoreScoreOptions {
  /** The code that computed the run (default: src/serve/version.ts codeVersion; tests pin it). */
  codeVersion?: string;
  /**
   * The source's fingerprint as read before loading (the service's cache key).
   * Default: the loaded files' sha256s, or else the database's fingerprint read now.
   */
  fingerprint?: Readonly<Record<string, string>>;
  /** Runs kept (see storeRun; default 2). */
  keep?: number;
}

/** The provenance of `run` as `storeRun` records it. */
export function runProvenance(
  run: ScoreRun,
  source: string,
  sourceFingerprint: Readonly<Record<string, string>>,
  startedAt: Date,
  codeVersion: string = currentCodeVersion(),
): RunProvenance {
  return { startedAt, codeVersion, promotionRecords: promotionRecordDigests(run.metrics), source, sourceFingerprint };
}

/** Writes a run into the results store of `url` with what produced it; resolves with the run's id. */
export async function storeScoreRun(
  url: string,
  run: ScoreRun,
  loaded: Pick<LoadedData, "dir" | "files">,
  startedAt: Date,
  options: StoreScoreOptions = {},
): Promise<number> {
  return withClient(url, async (client) => {
    const fingerprint = options.fingerprint ?? (Object.keys(loaded.files).length > 0 ? loaded.files : await databaseFingerprint(client));
    return storeRun(client, run, runProvenance(run, loaded.dir, fingerprint, startedAt, options.codeVersion), options.keep);
  });
}

/**
 * Whether salic_ml already holds a run of this source state computed by this
 * code (an execucoes row whose impressao_fonte and versao_codigo match).
 */
export async function runIsStored(client: pg.Client, fingerprint: Readonly<Record<string, string>>, codeVersion: string): Promise<boolean> {
  const table = await client.query<{ present: boolean }>("SELECT to_regclass($1) IS NOT NULL AS present", [`${RESULTS_SCHEMA}.execucoes`]);
  if (table.rows[0]?.present !== true) return false;
  const found = await client.query(
    "SELECT 1 FROM salic_ml.execucoes WHERE impressao_fonte = $1::jsonb AND versao_codigo = $2 LIMIT 1",
    [JSON.stringify(fingerprint), codeVersion],
  );
  return (found.rowCount ?? 0) > 0;
}
