/**
 * What GitHub shows is what was promoted, checked without Jupyter: the
 * results each committed notebook publishes in its outputs agree with its
 * module on data-samples by the gate's rules (src/promote/compare.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REGISTRY } from "../../src/metrics/registry.js";
import { RESULT_MIME, type PublishedResult } from "../../src/notebook/result.js";
import { checkPublished } from "../../src/promote/published.js";

const repo = resolve(import.meta.dirname, "../..");
const NOTEBOOK = "02_comprovante_pagamento.ipynb";

/** A repository holding only notebooks/<NOTEBOOK> (as `edit` leaves its published result) and this one's data-samples. */
function withEditedCopy(edit: (result: PublishedResult) => void): string {
  const root = mkdtempSync(join(tmpdir(), "salic-published-"));
  mkdirSync(join(root, "notebooks"));
  symlinkSync(join(repo, "data-samples"), join(root, "data-samples"));
  const nb = JSON.parse(readFileSync(join(repo, "notebooks", NOTEBOOK), "utf8")) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
  const output = nb.cells.flatMap((c) => c.outputs ?? []).find((o) => o.data?.[RESULT_MIME] !== undefined)!;
  edit(output.data![RESULT_MIME] as PublishedResult);
  writeFileSync(join(root, "notebooks", NOTEBOOK), JSON.stringify(nb));
  return root;
}

describe("the results published in the committed notebooks", () => {
  it("agree with their modules on data-samples", { timeout: 60_000 }, () => {
    expect(checkPublished(repo, REGISTRY).map((p) => p.message)).toEqual([]);
  });

  it("fail, naming the notebook, metric and project, when a published value is edited by hand", { timeout: 60_000 }, () => {
    let before = 0;
    const root = withEditedCopy((result) => {
      before = result.projects["000014"]!["valor"] as number;
      result.projects["000014"]!["valor"] = before + 1;
    });
    expect(checkPublished(root, REGISTRY)).toEqual([
      {
        notebook: "notebooks/02_comprovante_pagamento.ipynb",
        metric: "comprovante_pagamento",
        pronac: "000014",
        message:
          "notebooks/02_comprovante_pagamento.ipynb: comprovante_pagamento: the result in its committed outputs disagrees with " +
          `src/metrics/comprovante-pagamento.ts on data-samples: project 000014 field valor: notebook ${before + 1}, module ${before} ` +
          "(tolerance abs 1e-9, rel 1e-9; 1 differing field(s))",
      },
    ]);
  });

  it("pass a published value edited within the notebook's tolerance, as the gate would", { timeout: 60_000 }, () => {
    const root = withEditedCopy((result) => {
      result.projects["000014"]!["valor"] = (result.projects["000014"]!["valor"] as number) + 1e-10;
    });
    expect(checkPublished(root, REGISTRY)).toEqual([]);
  });

  it("fail when a notebook publishing a metric shows no result for it", () => {
    const root = withEditedCopy((result) => {
      result.metric = "outra_coisa";
    });
    expect(checkPublished(root, REGISTRY).map((p) => p.message)).toEqual([
      "notebooks/02_comprovante_pagamento.ipynb: comprovante_pagamento: no published result in its committed outputs (execute it with `npm run notebooks -- notebooks/02_comprovante_pagamento.ipynb`)",
    ]);
  });
});
