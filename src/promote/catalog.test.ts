import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogPath, renderCatalog, writeCatalog } from "./catalog.js";
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
