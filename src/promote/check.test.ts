import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { hashFile } from "../data/hash.js";
import { testMetric } from "../../test/support/metrics.js";
import { writeCatalog } from "./catalog.js";
import { checkRecords } from "./check.js";
import { buildRecord, canonicalJson, writeRecord } from "./record.js";
import { formatStaleness } from "./report.js";
import { planPromotion, writePromotion } from "./write.js";

const repo = resolve(import.meta.dirname, "../..");
const registry = [testMetric("valor_aprovado", { module: "a.ts" }), testMetric("valor_captado", { module: "b.ts" })];
const notebook = (title: string) => JSON.stringify({ cells: [{ cell_type: "markdown", metadata: {}, source: title }], metadata: {}, nbformat: 4, nbformat_minor: 5 });

/** A repository with two metrics' modules, notebooks and data, both promoted (records and catalog fresh). */
function promotedRepo(): string {
  const root = mkdtempSync(join(tmpdir(), "salic-check-"));
  mkdirSync(join(root, "src", "metrics"), { recursive: true });
  mkdirSync(join(root, "notebooks"));
  mkdirSync(join(root, "data"));
  writeFileSync(join(root, "package.json"), '{"name": "fixture", "version": "0.0.0"}\n');
  symlinkSync(join(repo, "node_modules"), join(root, "node_modules")); // the records' tool versions
  writeFileSync(join(root, "src", "metrics", "a.ts"), "export const a = 1;\n");
  writeFileSync(join(root, "src", "metrics", "b.ts"), "export const b = 2;\n");
  writeFileSync(join(root, "notebooks", "a.ipynb"), notebook("# A"));
  writeFileSync(join(root, "notebooks", "b.ipynb"), notebook("# B"));
  writeFileSync(join(root, "data", "t.csv"), "x\n1\n");
  for (const record of records(root, 3)) writeRecord(root, record);
  writeCatalog(root, registry);
  return root;
}

/** The records a gate run on `root` would write, `compared` projects each. */
function records(root: string, compared: number) {
  return [
    ["valor_aprovado", "notebooks/a.ipynb", "src/metrics/a.ts"],
    ["valor_captado", "notebooks/b.ipynb", "src/metrics/b.ts"],
  ].map(([metric, nb, module]) =>
    buildRecord({
      root,
      metric: metric as "valor_aprovado",
      notebook: nb!,
      modulePath: module!,
      dataDir: join(root, "data"),
      files: { "t.csv": hashFile(join(root, "data", "t.csv")) },
      tolerance: { abs: 0, rel: 0 },
      comparison: { compared, maxAbsDiff: 0, maxRelDiff: 0, differences: [], onlyInNotebook: [], onlyInModule: [] },
      today: "2026-01-02",
    }),
  );
}

describe("checkRecords", () => {
  it("passes on fresh records and catalog", () => {
    expect(checkRecords(promotedRepo(), registry)).toEqual([]);
  });

  it("finds a record stale when the catalog now names another module for its metric", () => {
    const root = promotedRepo();
    writeFileSync(join(root, "src", "metrics", "new.ts"), "export const a = 1;\n");
    const [stale] = checkRecords(root, [testMetric("valor_aprovado", { module: "new.ts" }), registry[1]!]);
    expect(stale?.metric).toBe("valor_aprovado");
    expect(stale?.changes[0]).toBe("the catalog names src/metrics/new.ts as the module, the record src/metrics/a.ts");
  });

  it("names a truncated record, a record with a field of the wrong type and one with fields missing, without throwing", () => {
    const root = promotedRepo();
    const path = join(root, "promoted", "valor_aprovado.json");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    const other = JSON.parse(readFileSync(join(root, "promoted", "valor_captado.json"), "utf8"));
    writeFileSync(join(root, "promoted", "valor_captado.json"), JSON.stringify({ ...other, max_abs_diff: "0", module: { path: "src/metrics/b.ts" } }));
    const stale = checkRecords(root, registry);
    expect(stale).toEqual([
      { metric: "valor_aprovado", changes: [expect.stringMatching(/^promoted\/valor_aprovado\.json: not valid JSON \(.+\) — rerun npm run promote -- valor_aprovado$/)] },
      {
        metric: "valor_captado",
        changes: [
          'promoted/valor_captado.json: field module.sha256 is missing; field module.deps is missing; field max_abs_diff must be a number (finite, not negative), found "0" — rerun npm run promote -- valor_captado',
        ],
      },
    ]);
    expect(formatStaleness(stale).split("\n").at(-1)).toBe("Re-promote with: npm run promote -- valor_aprovado valor_captado");
  });

  it("after a kill at any point of the gate's writes, passes or names exactly the metrics to re-promote", () => {
    // Both metrics' notebooks changed since their promotion; a gate run re-promotes both (6 projects now).
    const before = promotedRepo();
    writeFileSync(join(before, "notebooks", "a.ipynb"), notebook("# A, edited"));
    writeFileSync(join(before, "notebooks", "b.ipynb"), notebook("# B, edited"));
    const planned = planPromotion(before, registry, records(before, 6));
    expect(planned.map((f) => f.name)).toEqual(["valor_aprovado.json", "valor_captado.json", "README.md"]);

    // The states a kill can leave: every file is whole (temporary folder, then renames in this order).
    const named = planned.map((_, done) => {
      const root = mkdtempSync(join(tmpdir(), "salic-check-killed-"));
      cpSync(before, root, { recursive: true });
      for (const file of planned.slice(0, done)) writeFileSync(join(root, "promoted", file.name), file.content);
      const stale = checkRecords(root, registry);
      return { stale, command: formatStaleness(stale).split("\n").at(-1) };
    });
    expect(named[0]!.stale).toEqual([
      { metric: "valor_aprovado", changes: ["notebook notebooks/a.ipynb changed"] },
      { metric: "valor_captado", changes: ["notebook notebooks/b.ipynb changed"] },
    ]);
    expect(named[1]!.stale).toEqual([
      { metric: "valor_aprovado", changes: ["its row in promoted/README.md does not match its record promoted/valor_aprovado.json"] },
      { metric: "valor_captado", changes: ["notebook notebooks/b.ipynb changed"] },
    ]);
    expect(named[2]!.stale).toEqual([
      { metric: "valor_aprovado", changes: ["its row in promoted/README.md does not match its record promoted/valor_aprovado.json"] },
      { metric: "valor_captado", changes: ["its row in promoted/README.md does not match its record promoted/valor_captado.json"] },
    ]);
    for (const state of named) expect(state.command).toBe("Re-promote with: npm run promote -- valor_aprovado valor_captado");

    // All written: fresh.
    writePromotion(before, registry, records(before, 6));
    expect(checkRecords(before, registry)).toEqual([]);
    expect(readFileSync(join(before, "promoted", "valor_captado.json"), "utf8")).toBe(planned[1]!.content);
    expect(readdirSync(before).sort()).toEqual(["data", "node_modules", "notebooks", "package.json", "promoted", "src"]);
  });

  it("a re-promotion that changes nothing but the date plans only the catalog", () => {
    const root = promotedRepo();
    const later = records(root, 3).map((r) => ({ ...r, date: "2026-03-04" }));
    const planned = planPromotion(root, registry, later);
    expect(planned.map((f) => f.name)).toEqual(["README.md"]);
    expect(planned[0]!.content).toBe(readFileSync(join(root, "promoted", "README.md"), "utf8"));
    expect(canonicalJson(JSON.parse(readFileSync(join(root, "promoted", "valor_aprovado.json"), "utf8")))).toContain('"date": "2026-01-02"');
  });
});

/** A repository whose metric's notebook imports the toolkit (src/notebook/index.ts → table.ts → ../util/order.ts) and shows a published result. */
function toolkitRepo(): string {
  const root = promotedRepo();
  mkdirSync(join(root, "src", "notebook"));
  mkdirSync(join(root, "src", "util"));
  writeFileSync(join(root, "src", "notebook", "index.ts"), 'export { table } from "./table.js";\n');
  writeFileSync(join(root, "src", "notebook", "table.ts"), 'import { byCodeUnit } from "../util/order.js";\nexport const table = byCodeUnit;\n');
  writeFileSync(join(root, "src", "util", "order.ts"), "export const byCodeUnit = 1;\n");
  const result = { metric: "valor_aprovado", tolerance: { abs: 0, rel: 0 }, data_dir: "../data", projects: { "14": { valor: 1 } } };
  writeFileSync(
    join(root, "notebooks", "a.ipynb"),
    JSON.stringify({
      cells: [
        { cell_type: "code", execution_count: 1, metadata: {}, source: 'import { table } from "../dist/src/notebook/index.js";', outputs: [{ output_type: "display_data", metadata: {}, data: { "application/vnd.salic-ml.result+json": result } }] },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  for (const record of records(root, 3)) writeRecord(root, record);
  writeCatalog(root, registry);
  return root;
}

describe("checkRecords, what a record covers beyond the notebook's source", () => {
  it("records the toolkit files the notebook's imports reach, transitively", () => {
    const record = JSON.parse(readFileSync(join(toolkitRepo(), "promoted", "valor_aprovado.json"), "utf8"));
    expect(record.notebook.deps.map((d: { path: string }) => d.path)).toEqual(["src/notebook/index.ts", "src/notebook/table.ts", "src/util/order.ts"]);
    expect(record.notebook.published_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("names a changed toolkit file, a toolkit file no longer imported and one newly imported", () => {
    const root = toolkitRepo();
    expect(checkRecords(root, registry)).toEqual([]);
    writeFileSync(join(root, "src", "notebook", "table.ts"), "export const table = 2;\n");
    writeFileSync(join(root, "src", "notebook", "index.ts"), 'export { table } from "./table.js";\nexport { figure } from "./figure.js";\n');
    writeFileSync(join(root, "src", "notebook", "figure.ts"), "export const figure = 3;\n");
    expect(checkRecords(root, registry)).toEqual([
      {
        metric: "valor_aprovado",
        changes: [
          "toolkit file src/notebook/index.ts changed",
          "toolkit file src/notebook/table.ts changed",
          "toolkit file src/util/order.ts is no longer imported by the notebook",
          "the notebook now also imports src/notebook/figure.ts",
        ],
      },
    ]);
  });

  it("names an edited published value in the committed outputs, which leaves the source's hash as it was", () => {
    const root = toolkitRepo();
    const path = join(root, "notebooks", "a.ipynb");
    writeFileSync(path, readFileSync(path, "utf8").replace('"valor":1', '"valor":2'));
    expect(checkRecords(root, registry)).toEqual([
      { metric: "valor_aprovado", changes: ["the results published in the committed outputs of notebook notebooks/a.ipynb changed"] },
    ]);
  });

  it("names a tool whose version changed, and a record written before the toolkit and outputs were tracked", () => {
    const root = toolkitRepo();
    writeFileSync(join(root, "package.json"), '{"name": "fixture", "version": "0.0.1"}\n');
    const old = JSON.parse(readFileSync(join(root, "promoted", "valor_captado.json"), "utf8"));
    delete old.notebook.deps;
    delete old.notebook.published_sha256;
    writeFileSync(join(root, "promoted", "valor_captado.json"), canonicalJson(old));
    expect(checkRecords(root, registry)).toEqual([
      { metric: "valor_aprovado", changes: ["salic-ml was 0.0.0 when promoted, now 0.0.1"] },
      { metric: "valor_captado", changes: ["the record predates tracking the notebook's toolkit files and committed outputs", "salic-ml was 0.0.0 when promoted, now 0.0.1"] },
    ]);
  });

  it("with promoted/mutants.json, wants each metric's mutation score in the catalog", () => {
    const root = promotedRepo();
    writeFileSync(join(root, "promoted", "mutants.json"), JSON.stringify({ generated: "2026-01-03", metrics: { valor_aprovado: { killed: 9, total: 12, survivors: [] } } }));
    expect(checkRecords(root, registry)).toEqual([
      { metric: "valor_aprovado", changes: ["its row in promoted/README.md does not match its record promoted/valor_aprovado.json and promoted/mutants.json"] },
      { metric: "valor_captado", changes: ["its row in promoted/README.md does not match its record promoted/valor_captado.json and promoted/mutants.json"] },
    ]);
    writeCatalog(root, registry);
    expect(checkRecords(root, registry)).toEqual([]);
  });
});
