/**
 * scripts/promote.ts's command line: the database options' usage errors
 * (which stop before the build), and --check, which reads only the records.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const repo = resolve(import.meta.dirname, "../..");

function promoteCli(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/promote.ts", ...args], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, SALIC_ML_DB: "", ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run promote, database options", () => {
  it("refuses --data with --db, --db with --check, and a --db or SALIC_ML_DB that is not a postgres:// URL, without the password", () => {
    const both = promoteCli(["--data", "data-samples", "--db", "postgres://u:nao-mostrar@h/db"]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("promote: give --data DIR or --db URL, not both");
    expect(both.stderr).toContain("--db URL");
    const check = promoteCli(["--check", "--db", "postgres://u:nao-mostrar@h/db"]);
    expect(check.status).toBe(2);
    expect(check.stderr).toContain("--check and --release-check read the records, not a database: drop --db");
    const mysql = promoteCli(["--db", "mysql://u:nao-mostrar@h/db"]);
    expect(mysql.status).toBe(2);
    expect(mysql.stderr).toContain("--db must be a postgres:// URL, got mysql:// (only PostgreSQL is supported)");
    const env = promoteCli([], { SALIC_ML_DB: "mysql://u:nao-mostrar@h/db" });
    expect(env.status).toBe(2);
    expect(env.stderr).toContain("SALIC_ML_DB must be a postgres:// URL");
    for (const run of [both, check, mysql, env]) expect(run.stdout + run.stderr).not.toContain("nao-mostrar");
  });

  it("--check ignores SALIC_ML_DB: the records are checked without a server", () => {
    const run = promoteCli(["--check"], { SALIC_ML_DB: "postgres://u:nao-mostrar@127.0.0.1:1/db" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^promote --check: all \d+ metrics have fresh promotion records\.\n$/);
    expect(run.status).toBe(0);
  });
});
