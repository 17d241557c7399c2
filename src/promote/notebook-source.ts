import { dirname, resolve } from "node:path";
import { readNotebook, sourceText } from "../jupyter/types.js";
import { byCodeUnit } from "../util/order.js";
import { repoRelative } from "../util/paths.js";
import { localDependencies } from "./sources.js";

/** The parts of a notebook file the gate reads without executing it. */
export interface NotebookSource {
  /** Repository-relative path. */
  path: string;
  /** Source text of each code cell, in order. */
  code: string[];
}

/** Reads a notebook's code cells (`readNotebook`: the error names a file that is not an nbformat 4 notebook). */
export function readNotebookSource(root: string, path: string): NotebookSource {
  const code = readNotebook(resolve(root, path))
    .cells.filter((c) => c.cell_type === "code")
    .map(sourceText);
  return { path: repoRelative(root, path), code };
}

const PUBLISH = /\bpublish\s*\(\s*["']([A-Za-z0-9_]+)["']/g;

/** Metric ids the notebook publishes, read from its `publish("<metric>", …)` calls. */
export function publishedMetrics(source: NotebookSource): string[] {
  const ids = new Set<string>();
  for (const cell of source.code) for (const m of cell.matchAll(PUBLISH)) ids.add(m[1]!);
  return [...ids].sort(byCodeUnit);
}

const SPECIFIER = /(?:\bfrom\s+|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

/**
 * The project files a notebook's imports reach, transitively, mapped from the
 * compiled output it imports (dist/src/x.js) back to their sources
 * (src/x.ts); the package's own name stands for src/index.ts.
 */
export function reachedSources(root: string, source: NotebookSource): Map<string, string> {
  const reached = new Map<string, string>(); // source file → the import that reaches it
  const notebookDir = dirname(resolve(root, source.path));
  for (const cell of source.code) {
    for (const m of cell.matchAll(SPECIFIER)) {
      const specifier = m[1]!;
      const file = projectFile(root, notebookDir, specifier);
      if (file === undefined) continue;
      for (const f of [file, ...localDependencies(root, file).map((d) => d.path)]) {
        if (!reached.has(f)) reached.set(f, specifier);
      }
    }
  }
  return reached;
}

function projectFile(root: string, from: string, specifier: string): string | undefined {
  if (specifier === "salic-ml") return "src/index.ts";
  if (!specifier.startsWith(".")) return undefined;
  const path = repoRelative(root, resolve(from, specifier));
  const source = path.replace(/^dist\//, "").replace(/\.(js|cjs|mjs)$/, ".ts");
  return source.startsWith("src/") ? source : undefined;
}
