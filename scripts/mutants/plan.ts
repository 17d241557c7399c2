/**
 * Which mutants `npm run mutants` runs: every mutant of each metric's module
 * (src/metrics/<module>) and of the shared mechanisms of src/metrics/lib it
 * imports (transitively), each attributed to the metrics that use its file.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { METRIC_CATALOG, type MetricId } from "../../src/metrics/catalog.js";
import { mutantsOf, type Mutant } from "./mutate.js";

/** One planned mutant: its file (repository-relative), the mutation, and the metrics it is judged on. */
export interface PlannedMutant extends Mutant {
  /** Stable id: `<file>:<line>:<column>#<n>` (n-th mutant at that place). */
  readonly id: string;
  readonly file: string;
  readonly metrics: readonly MetricId[];
}

const VALUE_IMPORT = /^import\s+(?!type\b)[^;]*?from\s+"(\.[^"]+)"/gm;

/** Repository-relative files of src/metrics/lib that `file` imports, transitively (values only, not `import type`). */
export function libDependencies(root: string, file: string): string[] {
  const lib = join("src", "metrics", "lib");
  const seen = new Set<string>();
  const walk = (f: string) => {
    for (const m of readFileSync(resolve(root, f), "utf8").matchAll(VALUE_IMPORT)) {
      const dep = relative(root, resolve(root, dirname(f), (m[1] as string).replace(/\.js$/, ".ts")));
      if (dirname(dep) !== lib || seen.has(dep)) continue;
      seen.add(dep);
      walk(dep);
    }
  };
  walk(file);
  return [...seen].sort();
}

/** The files mutated and the metrics each one serves, files in a fixed order (modules by catalog order, then lib by name). */
export function filesToMutate(root: string): Map<string, MetricId[]> {
  const modules = new Map<string, MetricId[]>();
  const libs = new Map<string, MetricId[]>();
  for (const entry of METRIC_CATALOG) {
    const module = join("src", "metrics", entry.module);
    modules.set(module, [...(modules.get(module) ?? []), entry.id]);
    for (const dep of libDependencies(root, module)) libs.set(dep, [...(libs.get(dep) ?? []), entry.id]);
  }
  return new Map([...modules, ...[...libs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

/** Every mutant to run, in a deterministic order. */
export function planMutants(root: string): PlannedMutant[] {
  const out: PlannedMutant[] = [];
  for (const [file, metrics] of filesToMutate(root)) {
    const seenAt = new Map<string, number>();
    for (const m of mutantsOf(readFileSync(resolve(root, file), "utf8"), file)) {
      const place = `${file}:${m.line}:${m.column}`;
      const n = (seenAt.get(place) ?? 0) + 1;
      seenAt.set(place, n);
      out.push({ ...m, id: `${place}#${n}`, file, metrics });
    }
  }
  return out;
}
