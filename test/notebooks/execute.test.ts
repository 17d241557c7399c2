import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NotebookExecutionError, executeNotebook, serializeNotebook, type ExecuteProgress } from "../../src/jupyter/index.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "notebooks", "exec");

async function failure(promise: Promise<unknown>): Promise<NotebookExecutionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NotebookExecutionError) return error;
    throw error;
  }
  throw new Error("expected the execution to fail");
}

describe("executeNotebook (headless Jupyter with the tslab kernel)", { timeout: 90_000 }, () => {
  it("runs the cells with injected parameters and returns the notebook canonical, with outputs", async () => {
    const progress: ExecuteProgress[] = [];
    const run = await executeNotebook(join(fixtures, "tiny.ipynb"), {
      parameters: { dataDir: "/tmp/amostra" },
      cellTimeoutSeconds: 60,
      onProgress: (e) => progress.push(e),
    });
    const cells = run.notebook.cells;
    expect(cells.map((c) => c.cell_type)).toEqual(["markdown", "code", "code", "code", "code"]);
    expect(cells[2]!.metadata).toEqual({ tags: ["injected-parameters"] });
    expect(cells.map((c) => c.execution_count)).toEqual([undefined, 1, 2, 3, 4]);
    expect(cells[3]!.outputs).toEqual([{ name: "stdout", output_type: "stream", text: ["dataDir=/tmp/amostra n=2\n"] }]);
    expect(cells[4]!.outputs).toEqual([{ data: { "text/markdown": ["**ok**"] }, metadata: {}, output_type: "display_data" }]);
    expect(run.text).toBe(serializeNotebook(run.notebook));
    // Cells are numbered as in the committed file (the injected cell is not one of them).
    expect(progress.filter((e) => e.kind === "cell").map((e) => (e.kind === "cell" ? [e.cell, e.cells, e.firstLine] : []))).toEqual([
      [2, 4, 'const dataDir = "../data-samples";'],
      [3, 4, "console.log(`dataDir=${dataDir} n=${n}`);"],
      [4, 4, 'import * as tslab from "tslab";'],
    ]);
    expect(progress[0]!.kind).toBe("kernel_ready");
  });

  it("reports a compile error with the cell and tslab's stderr, since its error message is empty", async () => {
    const error = await failure(executeNotebook(join(fixtures, "compile-error.ipynb"), { cellTimeoutSeconds: 60 }));
    expect(error.kind).toBe("error");
    expect(error.cell).toBe(2);
    expect(error.stderr).toContain("Type 'string' is not assignable to type 'number'.");
    expect(error.message).toMatch(/^test\/fixtures\/notebooks\/exec\/compile-error\.ipynb cell 2 \("const y: number = \\"x\\";"\): failed/);
    expect(error.message).toContain("--- stderr ---\n1:7 - Type 'string' is not assignable to type 'number'.");
    expect(error.partial?.cells[2]!.outputs).toEqual([]);
  });

  it("stops a cell over the per-cell time limit and names it", async () => {
    const started = Date.now();
    const error = await failure(executeNotebook(join(fixtures, "hang.ipynb"), { cellTimeoutSeconds: 3 }));
    expect(error.kind).toBe("timeout");
    expect(error.cell).toBe(2);
    expect(error.message).toBe(
      'test/fixtures/notebooks/exec/hang.ipynb cell 2 ("while (true) {}"): did not finish within 3 s (the per-cell time limit) and was stopped',
    );
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
