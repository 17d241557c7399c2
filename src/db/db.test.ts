import { spawn } from "node:child_process";
import { PassThrough } from "node:stream";
import pg from "pg";
import { beforeAll, expect, it } from "vitest";
import { dataDir, TABLES } from "../../test/cli/fixture.js";
import { describeDatabase, freshDatabase } from "../../test/support/database.js";
import { loadDataDir } from "../data/load.js";
import { TABLE_NAMES, type SalicTables } from "../data/schema.js";
import { REGISTRY } from "../metrics/registry.js";
import { writeScore } from "../output/write-score.js";
import { scoreAll } from "../score/score-all.js";
import { withClient } from "./connect.js";
import { importDataDir } from "./import.js";
import { loadDatabase } from "./read.js";
import { grantsSql, storeRun } from "./store.js";

async function scoreJson(tables: SalicTables): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await writeScore(scoreAll(tables, REGISTRY), out);
  return Buffer.concat(chunks).toString("utf8");
}

async function sql(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  return withClient(url, (client) => client.query(text, values));
}

/** The folder fixture with the edge cases the database must keep: leading zeros, 19-digit ids, "1.0", sub-cent money, nulls. */
const EDGES = {
  "planilha_comprovacao.csv": [
    TABLES["planilha_comprovacao.csv"]!,
    "000014,7,12,Luz,11,0.125,701,-8571903399542239214,Loja,1.0",
    "000014,8,12,Luz,11,1234.5678,701,-8571903399542239214,,1.0",
    "14,9,10,,11,,702,,Sem nome,",
  ].join("\n"),
  "planilha_captacao.csv": [TABLES["planilha_captacao.csv"]!, "000014,11,0.005", "000014,11,"].join("\n"),
};

describeDatabase("the Salic database", (db) => {
  let url: string;
  beforeAll(async () => {
    url = await freshDatabase(db.url());
  });

  it("imports data-samples and reads back frames that score byte for byte as the files do", async () => {
    const lines: string[] = [];
    const summary = await importDataDir("data-samples", url, (line) => lines.push(line));
    expect(summary.rows).toEqual({
      planilha_orcamentaria: 6741,
      planilha_comprovacao: 2109,
      planilha_aprovacao_comprovacao: 2109,
      planilha_captacao: 857,
      planilha_projetos: 401,
    });
    expect(lines.at(-1)).toMatch(/^db import: salic\.planilha_orcamentaria 6741, .* rows in \d+\.\d s$/);
    const files = loadDataDir("data-samples", { hash: false });
    const fromDb = await loadDatabase(url);
    for (const table of TABLE_NAMES) {
      expect(fromDb.tables[table]!.dtypes.map(String), table).toEqual(files.tables[table]!.dtypes.map(String));
      expect(fromDb.tables[table]!.writeCSV().toString(), table).toBe(files.tables[table]!.writeCSV().toString());
    }
    expect(await scoreJson(fromDb.tables)).toBe(await scoreJson(files.tables));
  });

  it("keeps the edge cases exact: leading-zero PRONACs, 19-digit tax ids, payment type 1.0, sub-cent money, nulls", async () => {
    const edges = await freshDatabase(db.url());
    const dir = dataDir({ replace: EDGES });
    await importDataDir(dir, edges);
    const fromDb = await loadDatabase(edges);
    const files = loadDataDir(dir, { hash: false });
    expect(await scoreJson(fromDb.tables)).toBe(await scoreJson(files.tables));
    const typed = await sql(
      edges,
      `SELECT "PRONAC", "nrCNPJCPF", "tpFormaDePagamento", "vlComprovacao"::text AS vl, pg_typeof("vlComprovacao")::text AS money
         FROM salic.planilha_comprovacao WHERE "idPlanilhaAprovacao" IN (7, 9) ORDER BY "idPlanilhaAprovacao"`,
    );
    expect(typed.rows).toEqual([
      { PRONAC: "000014", nrCNPJCPF: "-8571903399542239214", tpFormaDePagamento: "1.0", vl: "0.125", money: "numeric" },
      { PRONAC: "14", nrCNPJCPF: null, tpFormaDePagamento: null, vl: null, money: "numeric" },
    ]);
    const types = await sql(
      edges,
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'salic' AND table_name = 'planilha_orcamentaria' AND column_name IN ('PRONAC', 'idPronac', 'VlTotalAprovado', 'DataProjeto') ORDER BY column_name",
    );
    expect(types.rows).toEqual([
      { column_name: "DataProjeto", data_type: "timestamp without time zone" },
      { column_name: "PRONAC", data_type: "text" },
      { column_name: "VlTotalAprovado", data_type: "numeric" },
      { column_name: "idPronac", data_type: "bigint" },
    ]);
  });

  it("refuses a malformed file with the loaders' message and leaves the database as it was", async () => {
    const before = await sql(url, 'SELECT count(*)::int AS n, sum("CaptacaoReal")::text AS total FROM salic.planilha_captacao');
    const bad = dataDir({ replace: { "planilha_captacao.csv": "Pronac,Segmento,CaptacaoReal\n14,11,0.1\n14,11,muito" } });
    const expected = (() => {
      try {
        loadDataDir(bad);
      } catch (error) {
        return (error as Error).message;
      }
      return "no error";
    })();
    expect(expected).toBe('planilha_captacao.csv, line 3, column CaptacaoReal: "muito" is not a number (expected digits with "." as decimal point, e.g. 12.50)');
    await expect(importDataDir(bad, url)).rejects.toThrow(expected);
    expect((await sql(url, 'SELECT count(*)::int AS n, sum("CaptacaoReal")::text AS total FROM salic.planilha_captacao')).rows).toEqual(before.rows);
  });

  it("refuses a folder that lacks a table, naming it, before touching the database", async () => {
    const partial = dataDir({ omit: ["planilha_captacao.csv"] });
    await expect(importDataDir(partial, url)).rejects.toThrow(/planilha_captacao\.csv \(or \.parquet\) not found in .*: db import needs all five tables/);
    expect((await sql(url, "SELECT count(*)::int AS n FROM salic.planilha_projetos")).rows).toEqual([{ n: 401 }]);
  });

  it("replaces the previous import as a whole", async () => {
    const other = await freshDatabase(db.url());
    await importDataDir("data-samples", other);
    await importDataDir(dataDir(), other);
    const counts = await sql(
      other,
      "SELECT (SELECT count(*) FROM salic.planilha_projetos)::int AS projetos, (SELECT count(*) FROM salic.planilha_orcamentaria)::int AS linhas",
    );
    expect(counts.rows).toEqual([{ projetos: 4, linhas: 6 }]);
  });

  it("reads a Salic database it did not create as it is, and names table, column, PRONAC and value of what does not fit", async () => {
    const foreign = await freshDatabase(db.url());
    await importDataDir(dataDir(), foreign);
    // Salic's own shape: text everywhere, an extra column, a value that is not money.
    await sql(foreign, "DROP TABLE salic.planilha_captacao");
    await sql(foreign, 'CREATE TABLE salic.planilha_captacao ("Pronac" text, "Segmento" text, "CaptacaoReal" text, "Observacao" text)');
    await sql(foreign, "INSERT INTO salic.planilha_captacao VALUES ('000014', '11', '10.50', 'ignorada'), ('14', '11', 'muito', NULL)");
    await expect(loadDatabase(foreign)).rejects.toThrow(
      'salic.planilha_captacao, row 2, column CaptacaoReal: "muito" is not a number (expected digits with "." as decimal point, e.g. 12.50) (the row with Pronac "14")',
    );
    await sql(foreign, "UPDATE salic.planilha_captacao SET \"CaptacaoReal\" = '0.1' WHERE \"Pronac\" = '14'");
    const read = await loadDatabase(foreign);
    expect(read.tables.planilha_captacao!.columns).toEqual(["Pronac", "Segmento", "CaptacaoReal"]);
    expect(read.tables.planilha_captacao!.getColumn("Pronac").toArray()).toEqual(["000014", "14"]);
    await sql(foreign, 'ALTER TABLE salic.planilha_captacao DROP COLUMN "CaptacaoReal"');
    await expect(loadDatabase(foreign)).rejects.toThrow('salic.planilha_captacao: missing column "CaptacaoReal"');
    await sql(foreign, "DROP TABLE salic.planilha_captacao");
    await expect(loadDatabase(foreign)).rejects.toThrow(/^salic\.planilha_captacao: table salic\.planilha_captacao not found in postgres:\/\//);
  });

  it("stores a run in salic_ml and a killed store leaves the previous run intact", async () => {
    const store = await freshDatabase(db.url());
    await importDataDir("data-samples", store);
    const run = scoreAll((await loadDatabase(store)).tables, REGISTRY);
    const provenance = { startedAt: new Date(), codeVersion: "test", promotionRecords: {}, source: "test", sourceFingerprint: {} };
    const first = await withClient(store, (client) => storeRun(client, run, provenance));
    const counts = "SELECT (SELECT count(*) FROM salic_ml.execucoes)::int AS e, (SELECT count(*) FROM salic_ml.projetos)::int AS p, (SELECT count(*) FROM salic_ml.resultados)::int AS r";
    expect((await sql(store, counts)).rows).toEqual([{ e: 1, p: 400, r: 400 * 14 }]);
    const row = await sql(store, "SELECT valor, is_outlier, detalhes FROM salic_ml.resultados WHERE execucao = $1 AND pronac = '000014' AND metrica = 'itens_orcamentarios'", [first]);
    const p = run.project("000014")!.metricas.itens_orcamentarios;
    expect(row.rows).toEqual([{ valor: p.valor, is_outlier: p.is_outlier, detalhes: { desvio_padrao: p.desvio_padrao } }]);

    // A second store killed (SIGKILL) in the middle of its transaction.
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/store-and-hang.ts", store], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("hanging") && resolve());
      child.on("exit", (code) => reject(new Error(`store-and-hang exited with ${code}`)));
    });
    const inFlight = await sql(store, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'salic-ml' AND xact_start IS NOT NULL AND datname = current_database() AND pid <> pg_backend_pid()");
    expect(inFlight.rows).toEqual([{ n: 1 }]);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect((await sql(store, counts)).rows).toEqual([{ e: 1, p: 400, r: 400 * 14 }]);
    expect((await sql(store, "SELECT max(id)::int AS id FROM salic_ml.execucoes")).rows).toEqual([{ id: first }]);
  }, 60_000);

  it("works as a role granted only what grantsSql gives: reads salic, writes salic_ml, cannot write salic", async () => {
    const granted = await freshDatabase(db.url());
    await importDataDir("data-samples", granted);
    await sql(granted, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'salic_ml_app') THEN CREATE ROLE salic_ml_app LOGIN PASSWORD 'segredo'; END IF; END $$");
    await sql(granted, grantsSql("salic_ml_app"));
    const app = new URL(granted);
    app.username = "salic_ml_app";
    app.password = "segredo";
    const appUrl = app.toString();
    const run = scoreAll((await loadDatabase(appUrl)).tables, REGISTRY);
    const provenance = { startedAt: new Date(), codeVersion: "test", promotionRecords: {}, source: "test", sourceFingerprint: {} };
    await withClient(appUrl, (client) => storeRun(client, run, provenance));
    expect((await sql(granted, "SELECT count(*)::int AS n FROM salic_ml.projetos")).rows).toEqual([{ n: 400 }]);
    const denied = sql(appUrl, "DELETE FROM salic.planilha_projetos");
    await expect(denied).rejects.toThrow("permission denied for table planilha_projetos");
    await expect(denied).rejects.not.toThrow("segredo");
    await expect(sql(appUrl, "CREATE TABLE salic.intrusa (x int)")).rejects.toThrow("permission denied for schema salic");
  });

  it("masks the password in connection errors", async () => {
    const wrong = new URL(db.url());
    wrong.password = "nao-mostrar";
    wrong.port = "1";
    await expect(loadDatabase(wrong.toString())).rejects.toThrow(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres: cannot connect: /);
    await expect(loadDatabase(wrong.toString())).rejects.not.toThrow("nao-mostrar");
  });
});
