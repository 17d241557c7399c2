import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importDataDir } from "../../src/db/import.js";
import { describeDatabase, freshDatabase } from "../support/database.js";
import { runCli } from "./fixture.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, repo, env);

describe("salic-ml serve arguments", () => {
  const usage = (message: string) => `salic-ml: ${message}\nRun 'salic-ml serve --help' for usage.\n`;

  it.each([
    [["serve", "--data", "data-samples", "--db", "postgres://x@localhost/db"], usage("give --data DIR or --db URL, not both")],
    [["serve", "--watch", "soon"], usage('--watch must be an integer from 0 to 86400, got "soon"')],
    [["serve", "--db", "mysql://x@localhost/db"], usage("--db must be a postgres:// URL, got mysql:// (only PostgreSQL is supported)")],
  ])("%j exits 2 naming the parameter", async (args, message) => {
    expect(await run(args)).toEqual({ code: 2, stdout: "", stderr: message });
  });

  it("a bad SALIC_ML_DB is a usage error only when --data is not given", async () => {
    const env = { SALIC_ML_DB: "not a url" };
    expect(await run(["serve", "--port", "http"], env)).toMatchObject({ code: 2, stderr: usage("SALIC_ML_DB is not a URL (expected postgres://user:password@host:port/database)") });
    // With --data the variable is not read: the next error is the port's.
    expect(await run(["serve", "--data", "data-samples", "--port", "http"], env)).toMatchObject({
      code: 2,
      stderr: usage('--port must be an integer from 0 to 65535, got "http"'),
    });
  });

  it("--help documents --db and --watch", async () => {
    const { code, stdout } = await run(["serve", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--db URL");
    expect(stdout).toContain("--watch S");
  });
});

describeDatabase("salic-ml serve on SALIC_ML_DB, as a process", (db) => {
  it("serves the database named by SALIC_ML_DB when neither --data nor --db is given", async () => {
    const url = await freshDatabase(db.url());
    await importDataDir("data-samples", url);
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "serve", "--port", "0", "--watch", "0"], {
      cwd: repo,
      env: { ...process.env, SALIC_ML_DB: url },
    });
    try {
      let stderr = "";
      const address = await new Promise<string>((resolve, reject) => {
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString("utf8");
          const match = /serving 400 projects of postgres:\/\/.* at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
          if (match) resolve(match[1]!);
        });
        child.on("exit", (code) => reject(new Error(`serve exited with ${code}:\n${stderr}`)));
      });
      const health = (await (await fetch(`${address}/health`)).json()) as { source: string; fingerprint: string };
      expect(health.source).toBe(new URL(url).toString());
      expect(health.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      child.kill();
    }
  }, 120_000);
});
