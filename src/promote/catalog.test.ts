import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogPath, readMutants, renderCatalog, writeCatalog } from "./catalog.js";
import { writeRecord, type PromotionRecord } from "./record.js";

const metrics = [
  { id: "valor_aprovado", weight: 0, description: "Verifica o valor aprovado." },
  { id: "valor_captado", weight: 2, description: "Verifica o valor captado." },
] as const;

const record: PromotionRecord = {
  metric: "valor_aprovado",
  verdict: "pass",
  notebook: { path: "notebooks/04_valor_aprovado.ipynb", sha256: "a".repeat(64) },
  module: { path: "src/metrics/valor-aprovado.ts", sha256: "b".repeat(64), deps: [] },
  data: { dir: "data-samples", files: {} },
  tolerance: { abs: 0.005, rel: 0 },
  compared: 3,
  max_abs_diff: 0.004,
  max_rel_diff: 0,
  versions: {},
  date: "2026-01-02",
};

describe("the catalog, promoted/README.md", () => {
  it("lists every registered metric with its status, links and agreement figures", () => {
    const text = renderCatalog(metrics, new Map([["valor_aprovado", record]]));
    expect(text.split("\n").slice(8)).toEqual([
      "| `valor_aprovado` | 0 | ✅ promoted | [04_valor_aprovado.ipynb](../notebooks/04_valor_aprovado.ipynb) | [valor-aprovado.ts](../src/metrics/valor-aprovado.ts) | 3 | 4.00e-3 | 0 | 0.005, 0 | 2026-01-02 |",
      "| `valor_captado` | 2 | not promoted | | | | | | | |",
      "",
      "## What each metric checks",
      "",
      "- `valor_aprovado` — Verifica o valor aprovado.",
      "- `valor_captado` — Verifica o valor captado.",
      "",
    ]);
  });

  it("is written from the records under the root", () => {
    const root = mkdtempSync(join(tmpdir(), "salic-catalog-"));
    writeRecord(root, record);
    writeCatalog(root, metrics);
    expect(catalogPath(root)).toBe(join(root, "promoted", "README.md"));
    expect(readFileSync(catalogPath(root), "utf8")).toBe(renderCatalog(metrics, new Map([["valor_aprovado", record]])));
  });
});

describe("the catalog with promoted/mutants.json", () => {
  const mutants = {
    generated: "2026-01-03",
    metrics: {
      valor_aprovado: {
        killed: 9,
        total: 12,
        equivalent: 1,
        unreached: 4,
        survivors: [{ id: "m7", file: "src/metrics/valor-aprovado.ts", line: 31, mutation: "`>` → `>=`", explanation: "equivalent: the sample has no value at the threshold" }],
      },
    },
  };

  it("shows each metric's mutation score (killed / (mutants − equivalent)) and lists the surviving mutants with their explanation", () => {
    const text = renderCatalog(metrics, new Map([["valor_aprovado", record]]), mutants);
    expect(text.split("\n").slice(6)).toEqual([
      "| metric | peso | status | notebook | module | projects compared | max abs diff | max rel diff | tolerance (abs, rel) | date | mutants killed |",
      "|---|---:|---|---|---|---:|---:|---:|---|---|---:|",
      "| `valor_aprovado` | 0 | ✅ promoted | [04_valor_aprovado.ipynb](../notebooks/04_valor_aprovado.ipynb) | [valor-aprovado.ts](../src/metrics/valor-aprovado.ts) | 3 | 4.00e-3 | 0 | 0.005, 0 | 2026-01-02 | 9/11 (81 %) |",
      "| `valor_captado` | 2 | not promoted | | | | | | | | |",
      "",
      "## What each metric checks",
      "",
      "- `valor_aprovado` — Verifica o valor aprovado.",
      "- `valor_captado` — Verifica o valor captado.",
      "",
      "## Surviving mutants",
      "",
      "From `npm run mutants` (mutants.json, 2026-01-03): changes to a module that no test caught, and why.",
      "A metric's mutants are those in the functions it runs (of its module and the lib files it imports; a mutant",
      "outside every function counts for every metric importing its file). Its score is killed / (mutants − equivalent),",
      "an equivalent mutant being a survivor explained below as one no valid input can tell from the original; a survivor",
      "marked \"survives, not equivalent\" counts against the score, with the input that would kill it.",
      "",
      "- `valor_aprovado` — [src/metrics/valor-aprovado.ts:31](../src/metrics/valor-aprovado.ts#L31) `m7`: `>` → `>=` — equivalent: the sample has no value at the threshold",
      "",
    ]);
  });

  it("is read tolerantly: an absent or unreadable file gives no column, a malformed entry is left out", () => {
    const root = mkdtempSync(join(tmpdir(), "salic-mutants-"));
    expect(readMutants(root)).toBeUndefined();
    mkdirSync(join(root, "promoted"));
    writeFileSync(join(root, "promoted", "mutants.json"), "{not json");
    expect(readMutants(root)).toBeUndefined();
    writeFileSync(join(root, "promoted", "mutants.json"), JSON.stringify({ generated: "2026-01-03", metrics: { valor_aprovado: { killed: "9", total: 12 }, valor_captado: { killed: 3, total: 3 } } }));
    expect(readMutants(root)).toEqual({ generated: "2026-01-03", metrics: { valor_captado: { killed: 3, total: 3, survivors: [] } } });
  });
});
