import pg from "pg";
import { maskDatabaseUrl, maskPassword } from "./url.js";

/** A failure talking to the database; its message names the (masked) URL and never holds the password. */
export class DatabaseError extends Error {
  override name = "DatabaseError";
}

/** `error` as a DatabaseError whose message is safe to print. */
export function databaseError(error: unknown, url: string, doing: string): DatabaseError {
  const message = error instanceof Error ? error.message : String(error);
  return new DatabaseError(`${maskDatabaseUrl(url)}: ${doing}: ${maskPassword(message, url)}`);
}

/**
 * Runs `work` with a connected client and closes it, whatever happens.
 * Connection and query failures become DatabaseErrors (masked); errors
 * `work` throws itself (a DataError on a bad value) pass through.
 */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "salic-ml" });
  // An idle client whose server goes away emits 'error'; the failing query reports it.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw databaseError(error, url, "cannot connect");
  }
  try {
    return await work(client);
  } catch (error) {
    if (error instanceof Error && "code" in error && typeof (error as { severity?: unknown }).severity === "string") {
      throw databaseError(error, url, "query failed");
    }
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs `work` in one transaction: committed if it resolves, rolled back (nothing kept) if it throws. */
export async function inTransaction<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
