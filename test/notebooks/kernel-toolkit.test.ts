import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { executeNotebook, type NotebookOutput } from "../../src/jupyter/index.js";

const root = join(import.meta.dirname, "..", "..");
// Inside the repo (ignored): the compiled toolkit must resolve the repo's node_modules and package type.
const work = join(root, "test-artifacts", "kernel-toolkit");

describe("the toolkit inside a tslab kernel", { timeout: 120_000 }, () => {
  beforeAll(() => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(join(work, "nb"), { recursive: true });
    // Compiled as `npm run build` does, into a private folder: the test must not depend on a stale dist/.
    execFileSync(process.execPath, [
      join(root, "node_modules", "typescript", "bin", "tsc"),
      ...["--outDir", join(work, "lib"), "--rootDir", join(root, "src"), "--module", "nodenext", "--moduleResolution", "nodenext"],
      ...["--target", "es2022", "--declaration", "--skipLibCheck", "--esModuleInterop", "--strict", "--types", "node"],
      join(root, "src", "notebook", "index.ts"),
      join(root, "src", "notebook", "render-worker.ts"), // spawned, not imported
    ]);
    copyFileSync(join(root, "test", "fixtures", "notebooks", "kernel", "toolkit.ipynb"), join(work, "nb", "toolkit.ipynb"));
  }, 120_000);

  it("displays each table, figure and result as one output carrying all its MIME types", async () => {
    const run = await executeNotebook(join(work, "nb", "toolkit.ipynb"), { cellTimeoutSeconds: 90 });
    const outputs = (cell: number): NotebookOutput[] => run.notebook.cells[cell - 1]!.outputs!;

    expect(outputs(3)).toEqual([
      {
        data: {
          "text/markdown": ["**Tabela**\n", "\n", "|PRONAC|valor|\n", "|:-|-:|\n", "|000014|12.50|"],
          "text/plain": ["Tabela\n", "PRONAC  valor\n", "------  -----\n", "000014  12.50"],
        },
        metadata: {},
        output_type: "display_data",
      },
    ]);

    const [fig] = outputs(4);
    expect(fig!.output_type).toBe("display_data");
    expect(Object.keys(fig!.data!).sort()).toEqual(["application/vnd.plotly.v1+json", "image/png", "text/plain"]);
    expect(fig!.data!["application/vnd.plotly.v1+json"]).toEqual({ data: [{ type: "bar", x: ["11", "4B"], y: [3, 1] }], layout: { title: { text: "Barras" } } });
    expect(fig!.data!["text/plain"]).toEqual(["Figure: Barras"]);
    expect(Buffer.from(fig!.data!["image/png"] as string, "base64").readUInt32BE(16)).toBe(300);

    const [result] = outputs(5);
    expect(result!.data!["application/vnd.salic-ml.result+json"]).toEqual({
      metric: "exemplo",
      tolerance: { abs: 0, rel: 1e-9 },
      data_dir: "../data",
      projects: { "000014": { is_outlier: true, valor: 46 } },
    });
    expect(Object.keys(result!.data!).sort()).toEqual(["application/vnd.salic-ml.result+json", "text/markdown", "text/plain"]);
  });
});
