import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, inject } from "vitest";

/**
 * The database tests' access to the private cluster of the global setup:
 * `describeDatabase` runs its suite against a fresh database of its own, or
 * skips it saying why there is no server (outside CI only: under CI the
 * global setup fails instead).
 */
export function describeDatabase(name: string, suite: (db: { url: () => string }) => void): void {
  const database = inject("database");
  if ("skipped" in database) {
    describe.skip(`${name} (skipped: ${database.skipped})`, () => suite({ url: () => "" }));
    return;
  }
  describe(name, () => suite({ url: () => database.url }));
}

/** Creates an empty database on the server of `adminUrl` and returns its URL. */
export async function freshDatabase(adminUrl: string): Promise<string> {
  const name = `salic_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
