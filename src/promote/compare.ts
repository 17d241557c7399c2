import { byCodePoint } from "../util/order.js";

/** Tolerance a notebook declares for its numbers: |a − b| ≤ abs + rel·|b|. */
export interface Tolerance {
  abs: number;
  rel: number;
}

/** One field of one project on which notebook and module disagree. */
export interface Difference {
  pronac: string;
  field: string;
  notebook: unknown;
  module: unknown;
}

/** What comparing a notebook's published results with its module's gives. */
export interface Comparison {
  /** Projects present on both sides. */
  compared: number;
  maxAbsDiff: number;
  maxRelDiff: number;
  differences: Difference[];
  onlyInNotebook: string[];
  onlyInModule: string[];
}

/** Per-project field values, keyed by PRONAC. */
export type ProjectValues = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * Compares project by project the fields the notebook published: numbers
 * within tolerance, everything else (booleans, strings, null) exactly; arrays
 * and objects element by element. Projects are walked in PRONAC order so the
 * first differences reported are stable.
 */
export function compareResults(
  notebook: ProjectValues,
  module: ProjectValues,
  tolerance: Tolerance,
): Comparison {
  const result: Comparison = {
    compared: 0,
    maxAbsDiff: 0,
    maxRelDiff: 0,
    differences: [],
    onlyInNotebook: [],
    onlyInModule: Object.keys(module).filter((p) => !(p in notebook)).sort(byCodePoint),
  };
  for (const pronac of Object.keys(notebook).sort(byCodePoint)) {
    const theirs = module[pronac];
    if (theirs === undefined) {
      result.onlyInNotebook.push(pronac);
      continue;
    }
    result.compared += 1;
    const ours = notebook[pronac] ?? {};
    for (const field of Object.keys(ours).sort(byCodePoint)) {
      const equal = field in theirs && compareValue(ours[field], theirs[field], tolerance, result);
      if (!equal) result.differences.push({ pronac, field, notebook: ours[field], module: theirs[field] });
    }
  }
  return result;
}

/** True when the comparison found full agreement. */
export function agrees(c: Comparison): boolean {
  return c.differences.length === 0 && c.onlyInNotebook.length === 0 && c.onlyInModule.length === 0;
}

function compareValue(a: unknown, b: unknown, tolerance: Tolerance, stats: Comparison): boolean {
  if (typeof a === "number" && typeof b === "number") {
    const abs = Math.abs(a - b);
    if (!Number.isFinite(abs)) return false; // NaN or infinities never agree
    stats.maxAbsDiff = Math.max(stats.maxAbsDiff, abs);
    // A relative difference to 0 is undefined: the absolute tolerance judges it.
    if (b !== 0) stats.maxRelDiff = Math.max(stats.maxRelDiff, abs / Math.abs(b));
    return abs <= tolerance.abs + tolerance.rel * Math.abs(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => compareValue(x, b[i], tolerance, stats));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => k in b && compareValue(a[k], b[k], tolerance, stats));
  }
  return a === b;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
