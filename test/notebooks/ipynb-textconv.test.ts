import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serializeNotebook, type Notebook } from "../../src/jupyter/index.js";

/**
 * The "ipynb" git diff driver: scripts/setup.sh points this clone's
 * `diff.ipynb.textconv` at scripts/ipynb-textconv.ts and .gitattributes
 * sends *.ipynb to it. Run here exactly as git runs it (the configured shell
 * command with the file's path appended), on a small notebook with a figure.
 */
const repo = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "salic-textconv-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A 1×1 PNG: 70 bytes, sha256 6b7fa434f92a… (`base64 -d | sha256sum`). */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

function fixture(png: string, title: string): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "markdown", metadata: {}, source: "# A figure\n\nOne bar per segment." },
      { cell_type: "code", metadata: { tags: ["parameters"] }, execution_count: 1, source: 'const dataDir = "../data-samples";', outputs: [] },
      {
        cell_type: "code",
        metadata: {},
        execution_count: 2,
        source: `console.log("3 segments");\nawait figure({ data: [{ type: "bar", y: [1, 2, 3] }], layout: { title: "${title}" } });`,
        outputs: [
          { output_type: "stream", name: "stdout", text: "3 segments\n" },
          {
            output_type: "display_data",
            metadata: { "image/png": { width: 800, height: 480 } },
            data: {
              "application/vnd.plotly.v1+json": { data: [{ type: "bar", y: [1, 2, 3] }], layout: { title } },
              "image/png": png,
              "text/plain": `Figure: ${title}`,
            },
          },
        ],
      },
      {
        cell_type: "code",
        metadata: {},
        execution_count: 3,
        source: "boom();",
        outputs: [{ output_type: "error", ename: "ReferenceError", evalue: "boom is not defined", traceback: ["\u001b[31mReferenceError\u001b[0m: boom is not defined", "    at <cell>:1:1"] }],
      },
    ],
  };
}

function configuredTextconv(): string {
  const run = spawnSync("git", ["-C", repo, "config", "--get", "diff.ipynb.textconv"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error("diff.ipynb.textconv is not set in this clone: run `npm run setup` (scripts/setup.sh)");
  return run.stdout.trim();
}

function write(name: string, nb: Notebook): string {
  const path = join(tmp, name);
  writeFileSync(path, serializeNotebook(nb));
  return path;
}

describe("ipynb-textconv", () => {
  it("prints each cell's source and text outputs, and data other than text as its size and a short hash", () => {
    const path = write("figure.ipynb", fixture(PNG, "Segments"));
    const text = execFileSync("sh", ["-c", `${configuredTextconv()} "$1"`, "textconv", path], { encoding: "utf8" });
    expect(text).toBe(
      [
        "## cell 1 (markdown)",
        "# A figure",
        "",
        "One bar per segment.",
        "",
        "## cell 2 (code, In [1], tags: parameters)",
        'const dataDir = "../data-samples";',
        "",
        "## cell 3 (code, In [2])",
        'console.log("3 segments");',
        'await figure({ data: [{ type: "bar", y: [1, 2, 3] }], layout: { title: "Segments" } });',
        "### output 1: stream stdout",
        "3 segments",
        "### output 2: display_data",
        "[application/vnd.plotly.v1+json: 67 bytes, sha256 7fda493b1595]",
        "[image/png: 70 bytes, sha256 6b7fa434f92a]",
        "text/plain:",
        "Figure: Segments",
        "",
        "## cell 4 (code, In [3])",
        "boom();",
        "### output 1: error",
        "ReferenceError: boom is not defined",
        "    at <cell>:1:1",
        "",
      ].join("\n"),
    );
  });

  it("prints a file that is not JSON (a notebook mid-merge) as it is", () => {
    const path = join(tmp, "conflict.ipynb");
    writeFileSync(path, '<<<<<<< ours\n{"cells": []}\n=======\n');
    expect(execFileSync("sh", ["-c", `${configuredTextconv()} "$1"`, "textconv", path], { encoding: "utf8" })).toBe('<<<<<<< ours\n{"cells": []}\n=======\n');
  });

  it("makes git diff of a notebook read like code: the changed source line and the changed image's hash, under the cell's heading", () => {
    const clone = join(tmp, "clone");
    const git = (...args: string[]) => execFileSync("git", ["-C", clone, ...args], { encoding: "utf8" });
    execFileSync("git", ["init", "-q", clone]);
    copyFileSync(join(repo, ".gitattributes"), join(clone, ".gitattributes"));
    git("config", "diff.ipynb.textconv", configuredTextconv());
    git("config", "diff.ipynb.xfuncname", execFileSync("git", ["-C", repo, "config", "--get", "diff.ipynb.xfuncname"], { encoding: "utf8" }).trim());
    write("clone/figure.ipynb", fixture(PNG, "Segments"));
    git("add", ".");
    git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "figure");
    // The same figure with another title: its source, its JSON and its pixels change.
    write("clone/figure.ipynb", fixture(PNG.replace("ADUlEQVR42mNk", "ADUlEQVR42mNg"), "Segmentos"));
    const diff = git("diff", "--no-color", "--unified=0");
    expect(diff.slice(diff.indexOf("@@"))).toBe(
      [
        "@@ -11 +11 @@ ## cell 3 (code, In [2])",
        '-await figure({ data: [{ type: "bar", y: [1, 2, 3] }], layout: { title: "Segments" } });',
        '+await figure({ data: [{ type: "bar", y: [1, 2, 3] }], layout: { title: "Segmentos" } });',
        "@@ -15,2 +15,2 @@ ## cell 3 (code, In [2])",
        "-[application/vnd.plotly.v1+json: 67 bytes, sha256 7fda493b1595]",
        "-[image/png: 70 bytes, sha256 6b7fa434f92a]",
        "+[application/vnd.plotly.v1+json: 68 bytes, sha256 75b0f0ca3de6]",
        "+[image/png: 70 bytes, sha256 f018207b30ee]",
        "@@ -18 +18 @@ ## cell 3 (code, In [2])",
        "-Figure: Segments",
        "+Figure: Segmentos",
        "",
      ].join("\n"),
    );
  });
});
