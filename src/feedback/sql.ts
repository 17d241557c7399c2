import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { databaseError } from "../db/connect.js";
import { isAlive } from "../util/process.js";

/** Runs a parameterised statement and gives its rows. */
export type Query = <T = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<T[]>;

/**
 * One SQL connection of the feedback store: PostgreSQL (`--db`) or the
 * embedded PGlite, which runs the same SQL, so there is one code path.
 */
export interface SqlRunner {
  /** Where the store lives, as messages name it (a URL's password masked). */
  readonly label: string;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A store's folder is in use by another process (the embedded store is single-process). */
export class StoreBusyError extends Error {
  override name = "StoreBusyError";
}

/**
 * The embedded store in `dir` (created if needed); PGlite is loaded only when
 * asked for. PGlite is one process's database: a second process opening the
 * folder aborts or corrupts it, so the folder is locked (a file naming the
 * owner's pid; a dead owner's lock is taken over).
 *
 * @throws StoreBusyError naming the process that has the folder open
 */
export async function openEmbeddedRunner(dir: string): Promise<SqlRunner> {
  mkdirSync(dir, { recursive: true });
  const unlock = lockFolder(dir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const db = await PGlite.create(dir);
    return {
      label: dir,
      transaction: (work) => db.transaction((tx) => work(async (sql, params) => (await tx.query(sql, params as unknown[])).rows as never[])),
      close: () => db.close().finally(unlock),
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

function lockFolder(dir: string): () => void {
  const path = join(dir, "salic-ml.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(readFileSync(path, "utf8"), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new StoreBusyError(
          `the embedded store ${dir} is open in process ${owner} (a running salic-ml serve?): it serves one process at a time; stop that process first, or keep the analysts in a database (--db URL)`,
        );
      }
      if (owner === process.pid) throw new StoreBusyError(`the embedded store ${dir} is already open in this process`);
      rmSync(path, { force: true });
    }
  }
  throw new StoreBusyError(`cannot lock the embedded store ${dir}`);
}

/** A PostgreSQL store (a pool of one connection, reconnecting after a failure). */
export async function openDatabaseRunner(url: string): Promise<SqlRunner> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: "salic-ml" });
  pool.on("error", () => {});
  const { maskDatabaseUrl } = await import("../db/url.js");
  return {
    label: maskDatabaseUrl(url),
    async transaction(work) {
      let client: import("pg").PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw databaseError(error, url, "cannot connect");
      }
      try {
        await client.query("BEGIN");
        const result = await work(async (sql, params) => (await client.query(sql, params as unknown[])).rows);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        if (error instanceof Error && typeof (error as { severity?: unknown }).severity === "string") throw databaseError(error, url, "query failed");
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
