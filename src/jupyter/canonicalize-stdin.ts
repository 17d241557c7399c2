/**
 * `node dist/src/jupyter/canonicalize-stdin.js < notebook.json`: the
 * notebook's canonical file text (serializeNotebook) on stdout. Jupyter's
 * save hook (jupyter/jupyter_notebook_config.py) pipes the model it is
 * saving through this, so that a notebook saved from `npm run lab` is
 * byte-identical to what `npm run notebooks` writes, by the same code.
 */
import { text } from "node:stream/consumers";
import { serializeNotebook } from "./canonical.js";
import type { Notebook } from "./types.js";

const input = await text(process.stdin);
let nb: Notebook;
try {
  nb = JSON.parse(input) as Notebook;
} catch (error) {
  console.error(`canonicalize-stdin: the notebook on stdin is not JSON: ${(error as Error).message}`);
  process.exit(2);
}
if (typeof nb !== "object" || nb === null || !Array.isArray(nb.cells)) {
  console.error('canonicalize-stdin: expected an nbformat 4 notebook ({"cells": [...], ...}) on stdin');
  process.exit(2);
}
process.stdout.write(serializeNotebook(nb));
