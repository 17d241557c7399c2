import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { sha256Hex } from "../data/hash.js";
import type { CatalogEntry } from "../metrics/catalog.js";
import { byCodeUnit } from "../util/order.js";
import { repoRelative } from "../util/paths.js";

/** The repository-relative path and sha256 of one source file. */
export interface SourceHash {
  path: string;
  sha256: string;
}

const RELATIVE_IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["'](\.{1,2}\/[^"']+)["']/g;

/**
 * The project-local files a TypeScript module imports, transitively, sorted by
 * path — the "shared code it depends on" of a promotion record. Imports are
 * written with `.js` endings (NodeNext) and resolved to the `.ts` beside them.
 */
export function localDependencies(root: string, file: string): SourceHash[] {
  const seen = new Set<string>();
  const visit = (absolute: string): void => {
    for (const match of readFileSync(absolute, "utf8").matchAll(RELATIVE_IMPORT)) {
      const target = resolve(dirname(absolute), match[1]!.replace(/\.js$/, ".ts"));
      if (seen.has(target) || !existsSync(target)) continue;
      seen.add(target);
      visit(target);
    }
  };
  const start = resolve(root, file);
  visit(start);
  seen.delete(start);
  return [...seen].map((f) => hashSource(root, f)).sort((a, b) => byCodeUnit(a.path, b.path));
}

/** Path (relative to root, POSIX separators) and sha256 of a file. */
export function hashSource(root: string, file: string): SourceHash {
  const absolute = resolve(root, file);
  return { path: repoRelative(root, absolute), sha256: sha256Hex(readFileSync(absolute)) };
}

/**
 * The module that defines a metric, as the catalog names it: the file
 * `src/metrics/<entry.module>`, repository-relative (what a record hashes).
 */
export function catalogModulePath(entry: Pick<CatalogEntry, "module">): string {
  return `src/metrics/${entry.module}`;
}
