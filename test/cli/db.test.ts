import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { describeDatabase, freshDatabase } from "../support/database.js";
import { dataDir, runCli } from "./fixture.js";

const usage = (message: string) => `salic-ml: ${message}\nRun 'salic-ml db --help' for usage.\n`;

describe("salic-ml db arguments", () => {
  it.each([
    [["db", "export"], usage('unknown db command "export" (expected: import or grants)')],
    [["db", "import", "--db", "postgres://x@localhost/db"], usage("--data DIR is required")],
    [["db", "grants"], usage("--role NAME is required")],
    [["db", "grants", "--role", "app; DROP SCHEMA salic"], usage('--role: not a plain SQL identifier: "app; DROP SCHEMA salic"')],
  ])("%j exits 2 naming the parameter", async (args, message) => {
    expect(await runCli(args)).toEqual({ code: 2, stdout: "", stderr: message });
  });

  it("db import without --db or SALIC_ML_DB names both", async () => {
    expect(await runCli(["db", "import", "--data", dataDir()])).toEqual({
      code: 2,
      stdout: "",
      stderr: usage("--db URL is required (or set SALIC_ML_DB)"),
    });
  });

  it("db grants prints the administrator's SQL for the role, executing nothing", async () => {
    expect(await runCli(["db", "grants", "--role", "salic_ml_app"])).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "CREATE SCHEMA IF NOT EXISTS salic_ml;",
        'GRANT USAGE ON SCHEMA salic TO "salic_ml_app";',
        'GRANT SELECT ON ALL TABLES IN SCHEMA salic TO "salic_ml_app";',
        'ALTER DEFAULT PRIVILEGES IN SCHEMA salic GRANT SELECT ON TABLES TO "salic_ml_app";',
        'GRANT USAGE, CREATE ON SCHEMA salic_ml TO "salic_ml_app";',
        "",
      ].join("\n"),
    });
  });
});

describeDatabase("salic-ml db import, score --db and --store", (db) => {
  it("imports a folder, scores it from the database byte for byte as from the files, and stores the run", async () => {
    const url = await freshDatabase(db.url());
    const dir = dataDir();
    const imported = await runCli(["db", "import", "--data", dir, "--db", url]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe("");
    expect(imported.stderr).toContain("salic.planilha_orcamentaria 6, salic.planilha_comprovacao 3, salic.planilha_aprovacao_comprovacao 3, salic.planilha_captacao 3, salic.planilha_projetos 4 rows");

    const fromFiles = await runCli(["score", "--data", dir]);
    // SALIC_ML_DB is the default source when --data is not given.
    const fromDb = await runCli(["score"], dir, { SALIC_ML_DB: url });
    expect(fromDb.code).toBe(0);
    expect(fromDb.stdout).toBe(fromFiles.stdout);

    const stored = await runCli(["score", "--db", url, "--store"]);
    expect(stored.code).toBe(0);
    expect(stored.stdout).toBe("");
    expect(stored.stderr).toMatch(/^salic-ml: stored run 1 /m);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const run = await client.query("SELECT projetos FROM salic_ml.execucoes");
      expect(run.rows).toEqual([{ projetos: 4 }]);
      const projects = await client.query("SELECT pronac FROM salic_ml.projetos ORDER BY pronac");
      expect(projects.rows.map((row) => row.pronac)).toEqual(["000014", "14", "2", "99"]);
    } finally {
      await client.end();
    }
  });

  it("a malformed file is refused with file, line, column and value, and the previous import stays", async () => {
    const url = await freshDatabase(db.url());
    const dir = dataDir();
    expect((await runCli(["db", "import", "--data", dir, "--db", url])).code).toBe(0);
    const before = (await runCli(["score", "--db", url])).stdout;

    const bad = join(dir, "planilha_captacao.csv");
    writeFileSync(bad, readFileSync(bad, "utf8").replace("14,11,0.2", "14,11,dois"));
    const refused = await runCli(["db", "import", "--data", dir, "--db", url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('salic-ml: planilha_captacao.csv, line 3, column CaptacaoReal: "dois" is not a number');
    expect((await runCli(["score", "--db", url])).stdout).toBe(before);
  });
});
