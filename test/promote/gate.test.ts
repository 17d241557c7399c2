/**
 * The promotion gate over fixture notebooks, executed for real through
 * Jupyter: one that agrees, one off by more than its tolerance, one that
 * raises, one that hangs, one whose record goes stale, one that imports its
 * own module; and the same gate on a PostgreSQL database (the tests' private
 * cluster), which compares and records nothing. Each runs in a throw-away
 * repository that shares this one's sources, compiled output and
 * node_modules, with a metrics folder of its own (a test edits a module after
 * promotion).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { importDataDir } from "../../src/db/import.js";
import { maskDatabaseUrl } from "../../src/db/url.js";
import { promotedMetrics } from "../../src/metrics/promoted.js";
import { metricById, REGISTRY } from "../../src/metrics/registry.js";
import { checkRecords } from "../../src/promote/check.js";
import { GateError, promote } from "../../src/promote/gate.js";
import { RESULT_MIME } from "../../src/notebook/result.js";
import { describeDatabase, freshDatabase } from "../support/database.js";
import { FIXTURE_BUDGET, FIXTURE_METRIC, FIXTURE_PROJECTS, promoteFixture } from "../support/promote-fixture.js";

const METRIC = FIXTURE_METRIC;
const PROJECTS = FIXTURE_PROJECTS;
const BUDGET = FIXTURE_BUDGET;

const IMPORT_TOOLKIT = 'import { loadPolars, publish } from "../dist/src/notebook/index.js";';
/** Notebook code counting budget lines per project of planilha_projetos, then publishing `valor` (+ offset). */
const countAndPublish = (offset: number, tolerance: string) => `const data = loadPolars(dataDir);
const projects = new Set(data.tables.planilha_projetos!.getColumn("PRONAC").toArray() as string[]);
const counts: Record<string, { valor: number }> = {};
for (const p of data.tables.planilha_orcamentaria!.getColumn("PRONAC").toArray() as string[]) {
  if (projects.has(p)) counts[p] = { valor: (counts[p]?.valor ?? 0) + 1 };
}
for (const p of Object.keys(counts)) counts[p]!.valor += ${offset};
publish("${METRIC}", counts, { tolerance: ${tolerance} });`;

/** What countAndPublish(offset, tolerance) publishes on the fixture data: as its committed output shows it. */
const shown = (offset: number, tolerance: { abs: number; rel: number }) => ({
  metric: METRIC,
  tolerance,
  data_dir: "../data-samples",
  projects: { "000014": { valor: 3 + offset }, "14": { valor: 1 + offset }, "150001": { valor: 2 + offset } },
});

/** A fixture notebook; `committed` is the result its last cell's committed output shows (GitHub's view), if any. */
function notebook(cells: string[], committed?: ReturnType<typeof shown>): string {
  const code = (source: string, tags: string[] = []) => ({ cell_type: "code", execution_count: null, metadata: { tags }, outputs: [] as unknown[], source });
  const codeCells = cells.map((c) => code(c));
  if (committed !== undefined) codeCells.at(-1)!.outputs = [{ data: { [RESULT_MIME]: committed }, metadata: {}, output_type: "display_data" }];
  return JSON.stringify({
    cells: [
      { cell_type: "markdown", metadata: {}, source: "# Fixture" },
      code('const dataDir = "../data-samples";', ["parameters"]),
      ...codeCells,
    ],
    metadata: { kernelspec: { display_name: "TypeScript (tslab)", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

/** A throw-away repository with one fixture notebook and the fixture data. */
const fixtureRepo = (cells: string[], committed?: ReturnType<typeof shown>) => promoteFixture(notebook(cells, committed));

const gate = (root: string) => promote({ root, metrics: [METRIC], cellTimeoutSeconds: 20, today: "2026-01-02" });


describe("promote gate", () => {
  it("promotes a notebook that agrees, writing its record and the catalog, from which the promoted metrics follow", async () => {
    const root = fixtureRepo([IMPORT_TOOLKIT, countAndPublish(0, "{ abs: 0, rel: 0 }")], shown(0, { abs: 0, rel: 0 }));
    const promotedModule = readFileSync(join(root, "src", "metrics", "promoted.ts"), "utf8");
    const [verdict] = await gate(root);
    expect(verdict?.reason).toBeUndefined();
    expect(verdict?.ok).toBe(true);
    const record = JSON.parse(readFileSync(join(root, "promoted", `${METRIC}.json`), "utf8"));
    expect(record).toMatchObject({
      metric: METRIC,
      verdict: "pass",
      compared: 3,
      max_abs_diff: 0,
      tolerance: { abs: 0, rel: 0 },
      notebook: { path: "notebooks/fixture.ipynb" },
      module: { path: "src/metrics/itens-orcamentarios.ts" },
      data: { dir: "data-samples" },
      date: "2026-01-02",
    });
    expect(Object.keys(record.data.files).sort()).toEqual(["planilha_orcamentaria.csv", "planilha_projetos.csv"]);
    expect(record.module.deps.length).toBeGreaterThan(0);
    expect(readFileSync(join(root, "promoted", "README.md"), "utf8")).toContain("| `itens_orcamentarios` | 1 | ✅ promoted | [fixture.ipynb](../notebooks/fixture.ipynb)");
    expect(promotedMetrics(root, REGISTRY).map((m) => m.id)).toEqual(["itens_orcamentarios"]);
    // The records are the one source of what is promoted: the gate generates no list of ids.
    expect(readFileSync(join(root, "src", "metrics", "promoted.ts"), "utf8")).toBe(promotedModule);

    // Stale: the notebook, a module dependency and the data each change after promotion.
    const fresh = checkRecords(root, REGISTRY).find((s) => s.metric === METRIC);
    expect(fresh).toBeUndefined();
    const nbPath = join(root, "notebooks", "fixture.ipynb");
    writeFileSync(nbPath, readFileSync(nbPath, "utf8").replace("# Fixture", "# Fixture, edited"));
    const moneyPath = join(root, "src", "metrics", "itens-orcamentarios.ts");
    writeFileSync(moneyPath, `${readFileSync(moneyPath, "utf8")}\n// edited\n`);
    writeFileSync(join(root, "data-samples", "planilha_orcamentaria.csv"), `${BUDGET.slice(0, -1).join("\n")}\n`);
    expect(checkRecords(root, REGISTRY).find((s) => s.metric === METRIC)?.changes).toEqual([
      "notebook notebooks/fixture.ipynb changed",
      "module src/metrics/itens-orcamentarios.ts changed",
      "data file data-samples/planilha_orcamentaria.csv changed",
    ]);
  }, 120_000);

  it("replaces a damaged record of a metric it promotes, and names one it keeps, which the catalog then shows as not promoted", async () => {
    const root = fixtureRepo([IMPORT_TOOLKIT, countAndPublish(0, "{ abs: 0, rel: 0 }")], shown(0, { abs: 0, rel: 0 }));
    writeFileSync(join(root, "promoted", `${METRIC}.json`), '{"metric": "itens_orcamentarios", "verd');
    writeFileSync(join(root, "promoted", "valor_aprovado.json"), "[]\n");
    const logs: string[] = [];
    const [verdict] = await promote({ root, metrics: [METRIC], cellTimeoutSeconds: 20, today: "2026-01-02", log: (l) => logs.push(l) });
    expect(verdict?.ok).toBe(true);
    expect(JSON.parse(readFileSync(join(root, "promoted", `${METRIC}.json`), "utf8"))).toMatchObject({ metric: METRIC, compared: 3 });
    expect(logs.at(-1)).toBe(
      "damaged record, kept: promoted/valor_aprovado.json: not a promotion record: expected a JSON object, found an array — rerun npm run promote -- valor_aprovado",
    );
    expect(readFileSync(join(root, "promoted", "README.md"), "utf8")).toContain("| `valor_aprovado` | 0 | not promoted | | | | | | | |");
    const stale = checkRecords(root, REGISTRY);
    expect(stale.find((s) => s.metric === METRIC)).toBeUndefined();
    expect(stale.find((s) => s.metric === "valor_aprovado")?.changes).toEqual([
      "promoted/valor_aprovado.json: not a promotion record: expected a JSON object, found an array — rerun npm run promote -- valor_aprovado",
    ]);
  }, 120_000);

  it("refuses a notebook off by more than its tolerance and keeps the previous record", async () => {
    const root = fixtureRepo([IMPORT_TOOLKIT, countAndPublish(0, "{ abs: 0, rel: 0 }")], shown(0, { abs: 0, rel: 0 }));
    expect((await gate(root))[0]?.ok).toBe(true);
    const recordPath = join(root, "promoted", `${METRIC}.json`);
    const previous = readFileSync(recordPath, "utf8");
    writeFileSync(join(root, "notebooks", "fixture.ipynb"), notebook([IMPORT_TOOLKIT, countAndPublish(1, "{ abs: 0.5, rel: 0 }")], shown(1, { abs: 0.5, rel: 0 })));
    const [verdict] = await gate(root);
    expect(verdict?.ok).toBe(false);
    expect(verdict?.reason).toBe("notebook and module disagree");
    expect(verdict?.comparison?.differences[0]).toEqual({ pronac: "000014", field: "valor", notebook: 4, module: 3 });
    expect(verdict?.comparison?.maxAbsDiff).toBe(1);
    expect(readFileSync(recordPath, "utf8")).toBe(previous);
  }, 120_000);

  it("refuses a notebook whose committed outputs show other results than its run, naming notebook, metric and project, and skips it once fresh", async () => {
    const root = fixtureRepo([IMPORT_TOOLKIT, countAndPublish(0, "{ abs: 0, rel: 0 }")], { ...shown(0, { abs: 0, rel: 0 }), projects: { ...shown(0, { abs: 0, rel: 0 }).projects, "14": { valor: 7 } } });
    const [edited] = await gate(root);
    expect(edited?.ok).toBe(false);
    expect(edited?.reason).toBe(
      'notebooks/fixture.ipynb as committed publishes itens_orcamentarios differently from the run the gate compared: 1 project(s) differ, first 14: committed {"valor":7}, the run {"valor":1}; execute it with `npm run notebooks -- notebooks/fixture.ipynb` and commit it',
    );
    expect(readdirSync(join(root, "promoted"))).toEqual(["README.md"]);

    // Re-executed as GitHub should show it: promoted; then, nothing changed, skipped without Jupyter or the hook.
    writeFileSync(join(root, "notebooks", "fixture.ipynb"), notebook([IMPORT_TOOLKIT, countAndPublish(0, "{ abs: 0, rel: 0 }")], shown(0, { abs: 0, rel: 0 })));
    expect((await gate(root))[0]?.ok).toBe(true);
    const logs: string[] = [];
    const hooked: string[][] = [];
    const started = Date.now();
    const verdicts = await promote({ root, metrics: [METRIC], log: (l) => logs.push(l), beforeExecuting: async (n) => void hooked.push([...n]) });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(verdicts).toEqual([{ metric: METRIC, ok: true, notebook: "notebooks/fixture.ipynb", fresh: true }]);
    expect(logs).toEqual(["skipped (fresh): notebooks/fixture.ipynb (itens_orcamentarios)"]);
    expect(hooked).toEqual([]);

    // --all executes it anyway, through the hook.
    const all = await promote({ root, metrics: [METRIC], all: true, cellTimeoutSeconds: 20, beforeExecuting: async (n) => void hooked.push([...n]) });
    expect(all[0]).toMatchObject({ ok: true, comparison: { compared: 3 } });
    expect(hooked).toEqual([["notebooks/fixture.ipynb"]]);
  }, 180_000);

  it("refuses a notebook that raises, naming the cell and the error", async () => {
    const root = fixtureRepo([IMPORT_TOOLKIT, 'throw new Error("planted failure");', countAndPublish(0, "{ abs: 0, rel: 0 }")]);
    const [verdict] = await gate(root);
    expect(verdict?.ok).toBe(false);
    expect(verdict?.reason).toMatch(/cell 4/);
    expect(verdict?.reason).toMatch(/planted failure/);
  }, 120_000);

  it("stops a notebook that hangs at its cell time limit", async () => {
    const root = fixtureRepo([
      IMPORT_TOOLKIT,
      "await new Promise(() => setInterval(() => undefined, 1000));",
      countAndPublish(0, "{ abs: 0, rel: 0 }"),
    ]);
    const started = Date.now();
    const [verdict] = await promote({ root, metrics: [METRIC], cellTimeoutSeconds: 3 });
    expect(verdict?.ok).toBe(false);
    expect(verdict?.reason).toMatch(/cell 4/);
    expect(verdict?.reason).toMatch(/time limit|timed out|timeout/i);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it("refuses, without executing it, a notebook that imports the module it publishes", async () => {
    const root = fixtureRepo([
      IMPORT_TOOLKIT,
      'import { REGISTRY } from "../dist/src/metrics/registry.js";',
      countAndPublish(0, "{ abs: 0, rel: 0 }"),
    ]);
    const [verdict] = await gate(root);
    expect(verdict?.ok).toBe(false);
    expect(verdict?.reason).toBe(
      'notebooks/fixture.ipynb imports "../dist/src/metrics/registry.js", which reaches src/metrics/itens-orcamentarios.ts: agreement with its own module proves nothing',
    );
  }, 120_000);

  it("refuses a registered metric that no notebook publishes", async () => {
    const root = fixtureRepo([IMPORT_TOOLKIT]);
    const [verdict] = await gate(root);
    expect(verdict).toMatchObject({ metric: METRIC, ok: false, reason: "no notebook in notebooks/ publishes itens_orcamentarios" });
  }, 120_000);

  it("refuses a published metric that has no module", async () => {
    const root = fixtureRepo([IMPORT_TOOLKIT, 'publish("itens_inventados", { "14": { valor: 1 } }, { tolerance: { abs: 0, rel: 0 } });']);
    const verdicts = await promote({ root, registry: REGISTRY.filter((m) => m.id === METRIC), cellTimeoutSeconds: 20 });
    expect(verdicts.find((v) => v.metric === "itens_inventados")).toMatchObject({
      ok: false,
      reason: "notebooks/fixture.ipynb publishes itens_inventados, which has no module in the registry",
    });
  }, 120_000);

  it("refuses, without executing it, a metric whose module file the catalog names does not exist", async () => {
    const root = fixtureRepo([IMPORT_TOOLKIT, countAndPublish(0, "{ abs: 0, rel: 0 }")]);
    const registry = [{ ...metricById(METRIC)!, module: "itens-inventados.ts" }];
    const [verdict] = await promote({ root, registry, cellTimeoutSeconds: 20 });
    expect(verdict).toMatchObject({
      metric: METRIC,
      ok: false,
      notebook: "notebooks/fixture.ipynb",
      reason: "the catalog names src/metrics/itens-inventados.ts as the module of itens_orcamentarios, but src/metrics/itens-inventados.ts does not exist",
    });
  }, 120_000);

  it("refuses sample data that no longer matches its manifest, before running anything", async () => {
    const root = fixtureRepo([IMPORT_TOOLKIT]);
    writeFileSync(join(root, "data-samples", "manifest.json"), JSON.stringify({ files: { "planilha_projetos.csv": "0".repeat(64) } }));
    await expect(gate(root)).rejects.toThrow(GateError);
    await expect(gate(root)).rejects.toThrow("planilha_projetos.csv no longer matches its sha256 in manifest.json");
  });
});

describe("promote gate, database arguments", () => {
  it("refuses an unreachable database before running anything, without the password", async () => {
    const root = fixtureRepo([IMPORT_TOOLKIT, countAndPublish(0, "{ abs: 0, rel: 0 }")]);
    const logs: string[] = [];
    const run = promote({ root, db: "postgres://leitor:nao-mostrar@127.0.0.1:1/salic", metrics: [METRIC], log: (l) => logs.push(l) });
    await expect(run).rejects.toThrow(GateError);
    await expect(run).rejects.toThrow(/^postgres:\/\/leitor:\*\*\*@127\.0\.0\.1:1\/salic: cannot connect: /);
    await expect(run).rejects.not.toThrow("nao-mostrar");
    expect(logs.some((l) => l.includes("running"))).toBe(false);
    expect(logs.join("\n")).not.toContain("nao-mostrar");
    expect(readdirSync(join(root, "promoted"))).toEqual([]);
  });

  it("refuses a data directory and a database together, and a database that is not a postgres:// URL", async () => {
    const root = fixtureRepo([IMPORT_TOOLKIT]);
    await expect(promote({ root, dataDir: "data-samples", db: "postgres://h/db" })).rejects.toThrow("give either a data directory or a database, not both");
    await expect(promote({ root, db: "mysql://u:pw@h/db" })).rejects.toThrow("the database must be a postgres:// URL, got mysql://u:***@h/db");
  });
});

/** Tables the budget fixture has no rows for, header only (a Salic database has all five). */
const EMPTY_TABLES: Record<string, string> = {
  "planilha_comprovacao.csv": "PRONAC,idPlanilhaAprovacao,idPlanilhaItem,Item,idSegmento,vlComprovacao,idComprovantePagamento,nrCNPJCPF,nmFornecedor,tpFormaDePagamento",
  "planilha_aprovacao_comprovacao.csv": "PRONAC,idPlanilhaAprovacao,idPlanilhaItem,Item,idSegmento,vlComprovacao,idComprovantePagamento,nrCNPJCPF,nmFornecedor,vlAprovado",
  "planilha_captacao.csv": "Pronac,Segmento,CaptacaoReal",
};

const DB_PASSWORD = "s3gredo-do-gate";

describeDatabase("promote gate on a database", (db) => {
  /**
   * A database holding the fixture's projects and its budget WITHOUT its last
   * line (so "150001" has 1 line, not the folder's 2: a notebook that read
   * the folder would disagree with the module), read by a role with a password.
   */
  async function fixtureDatabase(): Promise<string> {
    const url = await freshDatabase(db.url());
    const dir = mkdtempSync(join(tmpdir(), "salic-promote-db-"));
    writeFileSync(join(dir, "planilha_projetos.csv"), `${PROJECTS.join("\n")}\n`);
    writeFileSync(join(dir, "planilha_orcamentaria.csv"), `${BUDGET.slice(0, -1).join("\n")}\n`);
    for (const [file, text] of Object.entries(EMPTY_TABLES)) writeFileSync(join(dir, file), `${text}\n`);
    await importDataDir(dir, url);
    const role = `salic_gate_${randomBytes(4).toString("hex")}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${DB_PASSWORD}'; GRANT USAGE ON SCHEMA salic TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA salic TO ${role};`);
    } finally {
      await client.end();
    }
    const reader = new URL(url);
    reader.username = role;
    reader.password = DB_PASSWORD;
    return reader.toString();
  }

  it("compares a notebook that reads the database with the module on it, and writes no record and no catalog", async () => {
    const url = await fixtureDatabase();
    const root = fixtureRepo([IMPORT_TOOLKIT, countAndPublish(0, "{ abs: 0, rel: 0 }")]);
    const logs: string[] = [];
    const verdicts = await promote({ root, db: url, metrics: [METRIC], cellTimeoutSeconds: 60, today: "2026-01-02", log: (l) => logs.push(l) });
    expect(verdicts).toHaveLength(1);
    const [verdict] = verdicts;
    expect(verdict?.reason).toBeUndefined();
    expect(verdict).toMatchObject({ metric: METRIC, ok: true, notebook: "notebooks/fixture.ipynb", tolerance: { abs: 0, rel: 0 } });
    expect(verdict?.comparison).toMatchObject({ compared: 3, maxAbsDiff: 0, differences: [], onlyInNotebook: [], onlyInModule: [] });
    expect(verdict?.record).toBeUndefined();
    expect(readdirSync(join(root, "promoted"))).toEqual([]);
    expect(existsSync(join(root, "promoted", "README.md"))).toBe(false);
    expect(logs.at(-1)).toBe("database run: compared, nothing recorded");
    expect(logs[0]).toBe(`database run on ${maskDatabaseUrl(url)}: notebooks and modules read schema salic; nothing is recorded`);
    expect(`${JSON.stringify(verdicts)}\n${logs.join("\n")}`).not.toContain(DB_PASSWORD);

    // The same notebook, off by one: refused on the database, the difference named; still nothing recorded.
    writeFileSync(join(root, "notebooks", "fixture.ipynb"), notebook([IMPORT_TOOLKIT, countAndPublish(1, "{ abs: 0.5, rel: 0 }")]));
    const [off] = await promote({ root, db: url, metrics: [METRIC], cellTimeoutSeconds: 60 });
    expect(off?.ok).toBe(false);
    expect(off?.reason).toBe("notebook and module disagree");
    expect(off?.comparison?.differences).toEqual([
      { pronac: "000014", field: "valor", notebook: 4, module: 3 },
      { pronac: "14", field: "valor", notebook: 2, module: 1 },
      { pronac: "150001", field: "valor", notebook: 2, module: 1 },
    ]);
    expect(readdirSync(join(root, "promoted"))).toEqual([]);
  }, 180_000);

  it("refuses a notebook that loads something else than the injected database, and a failing one without the password", async () => {
    const url = await fixtureDatabase();
    const root = fixtureRepo([IMPORT_TOOLKIT, countAndPublish(0, "{ abs: 0, rel: 0 }").replace("loadPolars(dataDir)", 'loadPolars("../data-samples")')]);
    const [verdict] = await promote({ root, db: url, metrics: [METRIC], cellTimeoutSeconds: 60 });
    expect(verdict?.ok).toBe(false);
    expect(verdict?.reason).toBe(`notebooks/fixture.ipynb published data_dir "../data-samples", not the injected "${maskDatabaseUrl(url)}"`);

    // A notebook whose cell fails while it holds the URL: the reason shows the masked URL only.
    writeFileSync(join(root, "notebooks", "fixture.ipynb"), notebook([IMPORT_TOOLKIT, "throw new Error(`cannot use ${dataDir}`);", countAndPublish(0, "{ abs: 0, rel: 0 }")]));
    const [failed] = await promote({ root, db: url, metrics: [METRIC], cellTimeoutSeconds: 60 });
    expect(failed?.ok).toBe(false);
    expect(failed?.reason).toMatch(/cell 4/);
    expect(failed?.reason).toContain("cannot use postgres://");
    expect(failed?.reason).not.toContain(DB_PASSWORD);
    expect(readdirSync(join(root, "promoted"))).toEqual([]);
  }, 180_000);
});
