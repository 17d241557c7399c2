import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogEntry } from "../metrics/catalog.js";
import { catalogModulePath, localDependencies } from "./sources.js";

function metricsDir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "salic-src-"));
  mkdirSync(join(root, "src", "metrics"), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "src", "metrics", name), text);
  return root;
}

describe("catalogModulePath", () => {
  it("is the file of src/metrics the catalog names, shared by the metrics one module defines", () => {
    expect(catalogModulePath(catalogEntry("valor_a_ser_comprovado"))).toBe("src/metrics/valor-a-ser-comprovado.ts");
    expect(catalogModulePath(catalogEntry("comprovante_cheque"))).toBe("src/metrics/shared-receipts.ts");
    expect(catalogModulePath(catalogEntry("comprovante_saque"))).toBe("src/metrics/shared-receipts.ts");
  });

  it("follows the catalog, not which files spell the id (a detail field may share a metric's name)", () => {
    expect(catalogModulePath(catalogEntry("valor_captado"))).toBe("src/metrics/valor-captado.ts");
  });
});

describe("localDependencies", () => {
  it("lists the files a module imports, transitively, sorted, without itself", () => {
    const root = metricsDir({
      "a.ts": 'import { b } from "./b.js";\nexport { c } from "./c.js";\nimport pl from "nodejs-polars";\n',
      "b.ts": 'import type { C } from "./c.js";\nexport const b = 1;\n',
      "c.ts": "export const c = 2;\n",
    });
    expect(localDependencies(root, "src/metrics/a.ts").map((d) => d.path)).toEqual(["src/metrics/b.ts", "src/metrics/c.ts"]);
  });
});
