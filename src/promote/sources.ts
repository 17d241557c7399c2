import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { sha256Hex } from "../data/hash.js";
import { byCodeUnit } from "../util/order.js";

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
  return { path: relative(root, absolute).split("\\").join("/"), sha256: sha256Hex(readFileSync(absolute)) };
}

/** Files of src/metrics that name every metric id without defining one. */
const LISTS = new Set(["types.ts", "registry.ts", "index.ts", "promoted.ts"]);

/**
 * The module under src/metrics that defines a metric: the one file, besides
 * the lists of all metrics, that spells the id as a string literal — or, when
 * several do (a detail field may share a metric's name), the one declaring
 * `id: "<metric>"`. No module has to be loaded.
 */
export function metricModulePath(root: string, metric: string): string | undefined {
  const dir = join(root, "src", "metrics");
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !LISTS.has(f))
    .sort()
    .map((f) => ({ file: `src/metrics/${f}`, text: readFileSync(join(dir, f), "utf8") }));
  const spelling = texts.filter(({ text }) => text.includes(`"${metric}"`) || text.includes(`'${metric}'`));
  const declaring = spelling.filter(({ text }) => new RegExp(`\\bid:\\s*["']${metric}["']`).test(text));
  const found = spelling.length === 1 ? spelling : declaring;
  return found.length === 1 ? found[0]!.file : undefined;
}
