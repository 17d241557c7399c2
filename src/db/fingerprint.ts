import { createHash } from "node:crypto";
import type pg from "pg";
import { TABLE_NAMES } from "../data/schema.js";
import { SALIC_SCHEMA } from "./schema.js";

/**
 * A cheap fingerprint of the five Salic tables, without reading them: per
 * table its storage file (a re-import or TRUNCATE gives a new one) and the
 * server's counts of inserted, updated and deleted rows (every write moves
 * them). Counts reach the statistics when the writing session's transaction
 * ends (PostgreSQL flushes them within a second, at the latest when the
 * session closes), so a change is seen by the next check after that. A reset
 * of the statistics changes it too: a needless rescoring, never a stale one.
 *
 * @returns table → `filenode:inserted:updated:deleted` (absent tables left out).
 */
export async function databaseFingerprint(client: pg.Client): Promise<Record<string, string>> {
  const result = await client.query<{ relname: string; state: string }>(
    `SELECT c.relname, concat_ws(':', pg_relation_filenode(c.oid), s.n_tup_ins, s.n_tup_upd, s.n_tup_del) AS state
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
      WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname = ANY($2::text[])
      ORDER BY c.relname`,
    [SALIC_SCHEMA, TABLE_NAMES],
  );
  return Object.fromEntries(result.rows.map((row) => [row.relname, row.state]));
}

/** One sha256 over a fingerprint, for keys and comparisons. */
export function fingerprintDigest(fingerprint: Readonly<Record<string, string>>): string {
  const hash = createHash("sha256");
  for (const name of Object.keys(fingerprint).sort()) hash.update(`${name}\0${fingerprint[name]}\0`);
  return hash.digest("hex");
}
