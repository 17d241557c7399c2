import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishedMetrics, reachedSources, readNotebookSource } from "./notebook-source.js";

function repoWith(cells: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "salic-nb-"));
  mkdirSync(join(root, "notebooks"));
  mkdirSync(join(root, "src", "metrics"), { recursive: true });
  mkdirSync(join(root, "src", "notebook"), { recursive: true });
  writeFileSync(join(root, "src", "metrics", "money.ts"), "export const x = 1;\n");
  writeFileSync(join(root, "src", "metrics", "itens.ts"), 'import { x } from "./money.js";\nexport const y = x;\n');
  writeFileSync(join(root, "src", "metrics", "index.ts"), 'export * from "./itens.js";\n');
  writeFileSync(join(root, "src", "notebook", "index.ts"), "export const publish = 1;\n");
  const nb = { cells: cells.map((source) => ({ cell_type: "code", source })), metadata: {}, nbformat: 4, nbformat_minor: 5 };
  writeFileSync(join(root, "notebooks", "a.ipynb"), JSON.stringify(nb));
  return root;
}

describe("notebook source analysis", () => {
  it("finds the metrics a notebook publishes", () => {
    const root = repoWith(['publish("valor_aprovado", a, t);\npublish( \'valor_captado\', b, t)', "publishing(1)"]);
    expect(publishedMetrics(readNotebookSource(root, "notebooks/a.ipynb"))).toEqual(["valor_aprovado", "valor_captado"]);
  });

  it("follows a notebook's imports of compiled output back to the sources they reach", () => {
    const root = repoWith(['import { publish } from "../dist/src/notebook/index.js";', 'import * as m from "../dist/src/metrics/index.js";']);
    const reached = reachedSources(root, readNotebookSource(root, "notebooks/a.ipynb"));
    expect([...reached.keys()].sort()).toEqual([
      "src/metrics/index.ts",
      "src/metrics/itens.ts",
      "src/metrics/money.ts",
      "src/notebook/index.ts",
    ]);
    expect(reached.get("src/metrics/itens.ts")).toBe("../dist/src/metrics/index.js");
  });

  it("ignores npm packages other than salic-ml itself", () => {
    const root = repoWith(['import pl from "nodejs-polars";\nconst aq = require("arquero");']);
    expect(reachedSources(root, readNotebookSource(root, "notebooks/a.ipynb")).size).toBe(0);
  });
});
