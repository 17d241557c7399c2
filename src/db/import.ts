import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type pl from "nodejs-polars";
import { from as copyFrom } from "pg-copy-streams";
import { DataError } from "../data/errors.js";
import { loadDataDir } from "../data/load.js";
import { TABLE_NAMES } from "../data/schema.js";
import { inTransaction, withClient } from "./connect.js";
import { ident } from "./ident.js";
import { createTableSql, SALIC_SCHEMA, salicTable, tableLabel } from "./schema.js";

/** Rows sent to COPY per CSV chunk: small enough to keep memory flat, large enough to be fast. */
const CHUNK_ROWS = 100_000;

/** What an import loaded, per table. */
export interface ImportSummary {
  rows: Record<string, number>;
  ms: number;
}

/**
 * `salic-ml db import`: loads the five tables of a data directory into schema
 * `salic` of the database at `url`, replacing what was there, in one
 * transaction. The files are read and checked by the loaders first, so a
 * malformed file is refused with their message (file, line, column, value)
 * before the database is touched; a failure during the load rolls back, and
 * readers see the previous data until the commit. Values go through COPY as
 * the loaders typed them (ints as integers, money as the shortest decimal of
 * its double, which reads back as the same double, dates as ISO timestamps).
 *
 * @throws DataError for a malformed or missing file; DatabaseError (password masked) for the server.
 */
export async function importDataDir(dir: string, url: string, log: (line: string) => void = () => {}): Promise<ImportSummary> {
  const started = performance.now();
  log(`db import: reading ${dir}`);
  const loaded = loadDataDir(dir, { hash: false });
  for (const [table, reason] of loaded.missing) {
    throw new DataError({ file: dir }, `${reason}: db import needs all five tables (${table} is missing)`);
  }
  const rows: Record<string, number> = {};
  await withClient(url, (client) =>
    inTransaction(client, async () => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(SALIC_SCHEMA)}`);
      for (const table of TABLE_NAMES) {
        const frame = loaded.tables[table]!;
        await client.query(`DROP TABLE IF EXISTS ${salicTable(table)}`);
        await client.query(createTableSql(table, frame.columns));
        const columns = frame.columns.map(ident).join(", ");
        const copy = client.query(copyFrom(`COPY ${salicTable(table)} (${columns}) FROM STDIN WITH (FORMAT csv, FORCE_NULL (${columns}))`));
        await pipeline(Readable.from(csvChunks(frame, (sent) => log(`db import: ${tableLabel(table)} ${sent}/${frame.height} rows`))), copy);
        rows[table] = frame.height;
      }
    }),
  );
  const ms = performance.now() - started;
  log(`db import: ${TABLE_NAMES.map((t) => `${tableLabel(t)} ${rows[t]}`).join(", ")} rows in ${(ms / 1000).toFixed(1)} s`);
  return { rows, ms };
}

/** The frame as headerless CSV, chunk by chunk, reporting the rows sent after each long chunk. */
function* csvChunks(frame: pl.DataFrame, progress: (sent: number) => void): Generator<Buffer> {
  for (let offset = 0; offset < frame.height; offset += CHUNK_ROWS) {
    yield frame.slice(offset, CHUNK_ROWS).writeCSV({ includeHeader: false });
    const sent = Math.min(offset + CHUNK_ROWS, frame.height);
    if (frame.height > CHUNK_ROWS) progress(sent);
  }
}
