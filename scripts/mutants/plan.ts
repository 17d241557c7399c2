/**
 * Which mutants `npm run mutants` runs: every mutant of each metric's module
 * (src/metrics/<module>) and of the shared mechanisms of src/metrics/lib it
 * imports (transitively), each attributed to the metrics that use its file;
 * `inReach` then keeps, for each mutant, the metrics that run its function.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { METRIC_CATALOG, type MetricId } from "../../src/metrics/catalog.js";
import { mutantsOf, type Mutant } from "./mutate.js";
import { unitFinder } from "./reach.js";

/** One planned mutant: its file (repository-relative), the mutation, and the metrics it is judged on. */
export interface PlannedMutant extends Mutant {
  /** Stable id: `<file>:<line>:<column>#<n>` (n-th mutant at that place). */
  readonly id: string;
  readonly file: string;
  readonly metrics: readonly MetricId[];
  /** The outermost function holding it (reach.ts), undefined at module level. */
  readonly unit?: string;
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
    const source = readFileSync(resolve(root, file), "utf8");
    const unitOf = unitFinder(source, file);
    for (const m of mutantsOf(source, file)) {
      const place = `${file}:${m.line}:${m.column}`;
      const n = (seenAt.get(place) ?? 0) + 1;
      seenAt.set(place, n);
      const unit = unitOf(m.start);
      out.push({ ...m, id: `${place}#${n}`, file, metrics, ...(unit === undefined ? {} : { unit }) });
    }
  }
  return out;
}

/**
 * The mutants with, as their metrics, those that ran the mutant's function
 * (`reached`: metric → unit keys called while it was computed); a mutant at
 * module level keeps every metric that imports its file. Mutants no metric
 * reaches are left out. Reach is measured on the sample, as the comparison
 * is: a function a metric would call only on data the sample lacks would be
 * left out of its score too, so the report gives each metric's count of
 * mutants out of reach.
 */
export function inReach(mutants: readonly PlannedMutant[], reached: ReadonlyMap<MetricId, ReadonlySet<string>>): PlannedMutant[] {
  const out: PlannedMutant[] = [];
  for (const m of mutants) {
    const metrics = m.unit === undefined ? m.metrics : m.metrics.filter((id) => reached.get(id)?.has(m.unit as string) === true);
    if (metrics.length > 0) out.push({ ...m, metrics });
  }
  return out;
}
