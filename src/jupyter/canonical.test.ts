import { describe, expect, it } from "vitest";
import { canonicalNotebook, notebookSourceHash, serializeNotebook, splitLines } from "./canonical.js";
import type { Notebook } from "./types.js";

/** An executed notebook as nbclient leaves it: timestamps, kernel-reported counts, chunked streams. */
function executed(): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 4,
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: { name: "typescript", version: "3.7.2" },
      widgets: { state: {} },
      title: "Itens",
    },
    cells: [
      { cell_type: "markdown", id: "x1", metadata: {}, source: "# Itens\nTexto" },
      {
        cell_type: "code",
        id: "rnd",
        execution_count: 7,
        metadata: { tags: ["parameters", "parameters"], execution: { "iopub.status.busy": "2026-01-01T00:00:00Z" }, scrolled: true },
        outputs: [],
        source: ['const dataDir = "../data-samples";'],
      },
      {
        cell_type: "code",
        execution_count: 9,
        metadata: {},
        outputs: [
          { output_type: "stream", name: "stdout", text: "a" },
          { output_type: "stream", name: "stdout", text: ["b\n", "c\n"] },
          { output_type: "display_data", data: { "text/markdown": "| a |\n|---|", "image/png": "iVBOR" }, metadata: {}, transient: { display_id: "z" } },
          { output_type: "execute_result", execution_count: 9, data: { "text/plain": "46" }, metadata: {} },
        ],
        source: "console.log(1)\n46",
      },
      { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: "  \n" },
    ],
  };
}

describe("canonicalNotebook", () => {
  const nb = canonicalNotebook(executed());

  it("numbers non-blank code cells 1..n in order and gives execute results the cell's count", () => {
    expect(nb.cells.map((c) => c.execution_count)).toEqual([undefined, 1, 2, null]);
    expect(nb.cells[2]!.outputs![2]!.execution_count).toBe(2);
  });

  it("keeps a code cell that never ran unnumbered", () => {
    const nb2 = executed();
    nb2.cells[1]!.execution_count = null;
    expect(canonicalNotebook(nb2).cells.map((c) => c.execution_count)).toEqual([undefined, null, 1, null]);
  });

  it("derives cell ids from positions", () => {
    expect(nb.cells.map((c) => c.id)).toEqual(["cell-1", "cell-2", "cell-3", "cell-4"]);
  });

  it("drops execution timestamps and volatile metadata, keeps tags (once) and the title", () => {
    expect(nb.cells[1]!.metadata).toEqual({ tags: ["parameters"] });
    expect(nb.metadata).toEqual({
      kernelspec: { display_name: "TypeScript (tslab)", language: "typescript", name: "tslab" },
      language_info: {
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
        file_extension: ".ts",
        mimetype: "text/typescript",
        name: "typescript",
        version: "3.7.2",
      },
      title: "Itens",
    });
    expect(nb.nbformat_minor).toBe(5);
  });

  it("merges consecutive chunks of one stream and splits text into lines", () => {
    expect(nb.cells[2]!.outputs![0]).toEqual({ name: "stdout", output_type: "stream", text: ["ab\n", "c\n"] });
    expect(nb.cells[2]!.outputs).toHaveLength(3);
    expect(nb.cells[2]!.source).toEqual(["console.log(1)\n", "46"]);
  });

  it("splits text MIME types into lines, leaves base64 images whole and drops transient ids", () => {
    expect(nb.cells[2]!.outputs![1]).toEqual({
      data: { "image/png": "iVBOR", "text/markdown": ["| a |\n", "|---|"] },
      metadata: {},
      output_type: "display_data",
    });
  });

  it("is idempotent: the canonical file re-read and re-serialized is the same text", () => {
    const text = serializeNotebook(executed());
    expect(serializeNotebook(JSON.parse(text) as Notebook)).toBe(text);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.startsWith('{\n "cells": [\n  {\n   "cell_type": "markdown",')).toBe(true);
  });
});

describe("notebookSourceHash", () => {
  it("ignores outputs, counts and metadata but not sources", () => {
    const a = executed();
    const b = canonicalNotebook(executed());
    expect(notebookSourceHash(b)).toBe(notebookSourceHash(a));
    const c = executed();
    c.cells[2]!.source = "console.log(2)\n46";
    expect(notebookSourceHash(c)).not.toBe(notebookSourceHash(a));
  });
});

describe("splitLines", () => {
  it("keeps line ends and a last line without one", () => {
    expect(splitLines("a\n\nb")).toEqual(["a\n", "\n", "b"]);
    expect(splitLines("")).toEqual([]);
  });
});
