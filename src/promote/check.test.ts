import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testMetric } from "../../test/support/metrics.js";
import { checkRecords } from "./check.js";

describe("checkRecords", () => {
  it("finds a record stale when the catalog now names another module for its metric", () => {
    const root = mkdtempSync(join(tmpdir(), "salic-check-"));
    mkdirSync(join(root, "src", "metrics"), { recursive: true });
    mkdirSync(join(root, "promoted"));
    writeFileSync(join(root, "src", "metrics", "old.ts"), "export const x = 1;\n");
    writeFileSync(join(root, "src", "metrics", "new.ts"), "export const x = 1;\n");
    mkdirSync(join(root, "notebooks"));
    writeFileSync(join(root, "notebooks", "x.ipynb"), JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    const record = {
      metric: "itens_orcamentarios",
      verdict: "pass",
      notebook: { path: "notebooks/x.ipynb", sha256: "" },
      module: { path: "src/metrics/old.ts", sha256: "", deps: [] },
      data: { dir: ".", files: {} },
    };
    writeFileSync(join(root, "promoted", "itens_orcamentarios.json"), JSON.stringify(record));
    const [stale] = checkRecords(root, [testMetric("itens_orcamentarios", { module: "new.ts" })]);
    expect(stale?.metric).toBe("itens_orcamentarios");
    expect(stale?.changes[0]).toBe("the catalog names src/metrics/new.ts as the module, the record src/metrics/old.ts");
  });
});
