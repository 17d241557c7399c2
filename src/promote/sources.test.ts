import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localDependencies, metricModulePath } from "./sources.js";

function metricsDir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "salic-src-"));
  mkdirSync(join(root, "src", "metrics"), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "src", "metrics", name), text);
  return root;
}

describe("metricModulePath", () => {
  const root = metricsDir({
    "types.ts": 'export type MetricId = "valor_captado" | "valor_a_ser_comprovado";\n',
    "valor-captado.ts": 'export const valorCaptado = { id: "valor_captado" };\n',
    "valor-a-ser-comprovado.ts": 'export const v = { id: "valor_a_ser_comprovado", details: ["valor_captado"] };\n',
    "valor-captado.test.ts": 'it("valor_captado", () => {});\n',
    "shared.ts": 'const cheque = make("comprovante_cheque", 1);\n',
  });

  it("finds the one file spelling the id, ignoring the lists of all metrics and tests", () => {
    expect(metricModulePath(root, "valor_a_ser_comprovado")).toBe("src/metrics/valor-a-ser-comprovado.ts");
    expect(metricModulePath(root, "comprovante_cheque")).toBe("src/metrics/shared.ts");
  });

  it("prefers the file declaring id: when a detail field shares the metric's name", () => {
    expect(metricModulePath(root, "valor_captado")).toBe("src/metrics/valor-captado.ts");
  });

  it("is undefined for an id no module defines", () => {
    expect(metricModulePath(root, "itens_inventados")).toBeUndefined();
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
