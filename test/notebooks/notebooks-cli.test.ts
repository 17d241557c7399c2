/**
 * scripts/notebooks.ts with parameters given by hand (`-p name=value`, `-o
 * OUT.ipynb`), as papermill users write them: checked against the
 * notebook's parameters cell before any kernel starts, and executed through
 * Jupyter into another file.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readNotebook, sourceText } from "../../src/jupyter/index.js";

const repo = resolve(import.meta.dirname, "../..");

/** tiny.ipynb (parameters `dataDir = "../data-samples"`, `n = 2`; prints both) in a folder of its own. */
function tinyCopy(): string {
  const path = join(mkdtempSync(join(tmpdir(), "salic-notebooks-cli-")), "tiny.ipynb");
  copyFileSync(join(repo, "test", "fixtures", "notebooks", "exec", "tiny.ipynb"), path);
  return path;
}

function notebooksCli(args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/notebooks.ts", ...args], { cwd: repo, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run notebooks -p NAME=VALUE", () => {
  it("refuses a parameter the parameters cell does not assign, naming it and the notebook", () => {
    const path = tinyCopy();
    const run = notebooksCli([path, "-p", "dataDr=/tmp/x", "-o", join(tmpdir(), "never.ipynb")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`notebooks: parameter dataDr is not assigned in the parameters cell of ${path} (assigned: dataDir, n)\n`);
  });

  it("refuses to execute in place with parameters other than the committed ones, naming -o, and leaves the file alone", () => {
    const path = tinyCopy();
    const before = readFileSync(path, "utf8");
    const run = notebooksCli([path, "-p", "dataDir=/tmp/x"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `notebooks: -p dataDir="/tmp/x" (committed: "../data-samples") would execute ${path} in place with other parameters than its committed ones: write the run elsewhere with -o OUT.ipynb\n`,
    );
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  it("refuses -p without a value and -o with several notebooks", () => {
    expect(notebooksCli([tinyCopy(), "-p", "dataDir"]).stderr).toContain('notebooks: -p expects name=value, got "dataDir"\n');
    expect(notebooksCli([tinyCopy(), tinyCopy(), "-o", "/tmp/x.ipynb"]).stderr).toContain("notebooks: -o writes one notebook: give exactly one NAME\n");
  });

  it("executes into -o with the values injected, JSON when it parses, with a line per cell start and end on stderr", { timeout: 120_000 }, () => {
    const path = tinyCopy();
    const before = readFileSync(path, "utf8");
    const out = join(mkdtempSync(join(tmpdir(), "salic-notebooks-out-")), "run.ipynb");
    const run = notebooksCli([path, "-p", "dataDir=/tmp/amostra", "-p", "n=3", "-o", out, "--timeout", "60"]);
    expect(run.stderr).not.toContain("FAILED");
    expect(run.status).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(before);
    const cells = readNotebook(out).cells;
    expect(sourceText(cells[2]!)).toBe('// Injected by executeNotebook: these values replace the parameters cell\'s.\nconst dataDir = "/tmp/amostra";\nconst n = 3;');
    expect(cells[3]!.outputs).toEqual([{ name: "stdout", output_type: "stream", text: ["dataDir=/tmp/amostra n=3\n"] }]);
    const lines = run.stderr.trimEnd().split("\n").map((l) => l.replace(/\d+\.\d s/g, "T s"));
    expect(lines).toEqual([
      "[1/1] tiny.ipynb kernel ready (T s)",
      '[1/1] tiny.ipynb cell 2/4 started at T s: const dataDir = "../data-samples";',
      "[1/1] tiny.ipynb cell 2/4 finished in T s (T s elapsed)",
      "[1/1] tiny.ipynb cell 3/4 started at T s: console.log(`dataDir=${dataDir} n=${n}`);",
      "[1/1] tiny.ipynb cell 3/4 finished in T s (T s elapsed)",
      '[1/1] tiny.ipynb cell 4/4 started at T s: import * as tslab from "tslab";',
      "[1/1] tiny.ipynb cell 4/4 finished in T s (T s elapsed)",
    ]);
    expect(run.stdout).toMatch(/^\[1\/1\] tiny\.ipynb starting with dataDir="\/tmp\/amostra", n=3\n\[1\/1\] tiny\.ipynb ok in \d+\.\d s \(kernel \d+\.\d s\), written to .*run\.ipynb\n$/);
  });
});
