import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importDataDir } from "../../src/db/import.js";
import { describeDatabase, freshDatabase } from "../support/database.js";
import { dataDir, runCli, TABLES } from "./fixture.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, repo, env);

describe("salic-ml serve arguments", () => {
  const usage = (message: string) => `salic-ml: ${message}\nRun 'salic-ml serve --help' for usage.\n`;

  it.each([
    [["serve", "--data", "data-samples", "--db", "postgres://x@localhost/db"], usage("give --data DIR or --db URL, not both")],
    [["serve", "--watch", "soon"], usage('--watch must be an integer from 0 to 86400, got "soon"')],
    [["serve", "--db", "mysql://x@localhost/db"], usage("--db must be a postgres:// URL, got mysql:// (only PostgreSQL is supported)")],
    [
      ["serve", "--cors-origin", "http://localhost:8080,localhost:3001"],
      usage('--cors-origin must be an origin such as http://localhost:8080 (http or https, host and optional port, nothing after them), or *; got "localhost:3001"'),
    ],
    [["serve", "--cors-origin", "*,http://localhost:8080"], usage("--cors-origin: * allows every origin and cannot be listed with others")],
    [
      ["serve", "--public-url", "salic.example.gov.br"],
      usage('--public-url must be an http or https URL such as https://salic-ml.example.gov.br (optionally with a path prefix, no query or credentials); got "salic.example.gov.br"'),
    ],
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

  it("--help documents --db, --watch, --cors-origin and --public-url", async () => {
    const { code, stdout } = await run(["serve", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--db URL");
    expect(stdout).toContain("--watch S");
    expect(stdout).toContain("--cors-origin ORIGINS");
    expect(stdout).toContain("--public-url URL");
  });
});

describe("salic-ml serve on a folder it cannot serve", () => {
  it("without planilha_projetos: one line naming the folder and the file, exit 1, no stack trace", async () => {
    const dir = dataDir({ omit: ["planilha_projetos.csv"] });
    expect(await run(["serve", "--data", dir, "--port", "0"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `salic-ml: planilha_projetos.csv (or .parquet) not found in ${dir}: the service lists the projects of planilha_projetos\n`,
    });
  });

  it("without any table: one line naming the folder, exit 1", async () => {
    const dir = dataDir({ omit: Object.keys(TABLES) });
    expect(await run(["serve", "--data", dir, "--port", "0"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `salic-ml: no Salic table in ${dir}: expected planilha_projetos.csv and the other tables (.csv or .parquet)\n`,
    });
  });
});

describe("salic-ml serve --cors-origin --public-url, as a process", () => {
  it("lets the configured origin read /v1 and builds links from the public URL", async () => {
    const dir = dataDir();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "serve", "--data", dir, "--port", "0", "--watch", "0", "--cors-origin", "http://localhost:8080,https://salic.example.gov.br", "--public-url", "https://salic.example.gov.br/ml"],
      { cwd: repo },
    );
    try {
      const address = await listening(child);
      const response = await fetch(`${address}/v1/projects/`, { headers: { origin: "http://localhost:8080" } });
      expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:8080");
      const body = (await response.json()) as { data: { pronac: string; links: { details: string } }[] };
      expect(body.data[0]!.links.details).toBe(`https://salic.example.gov.br/ml/v1/projects/${body.data[0]!.pronac}/details/`);
      const other = await fetch(`${address}/v1/projects/`, { headers: { origin: "http://evil.example" } });
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      child.kill();
    }
  }, 120_000);
});

/** The address a `salic-ml serve` child reports once it listens. */
function listening(child: ReturnType<typeof spawn>): Promise<string> {
  let stderr = "";
  return new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const match = / at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}:\n${stderr}`)));
  });
}

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
