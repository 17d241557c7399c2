import { posix } from "node:path";
import { maskDatabaseUrl } from "../db/url.js";

/** MIME type of the machine-readable result a notebook publishes (read by the promote gate). */
export const RESULT_MIME = "application/vnd.salic-ml.result+json";

/** A published field value: JSON, with finite numbers only. */
export type ResultValue = number | boolean | string | null | readonly ResultValue[] | { readonly [key: string]: ResultValue };

/** Per-project fields, keyed by PRONAC then by field name. */
export type ResultProjects = Record<string, Record<string, ResultValue>>;

/** How closely a module must agree with the notebook: |a − b| ≤ abs + rel·|b|. */
export interface ResultTolerance {
  abs: number;
  rel: number;
}

/** The payload of one published result (`application/vnd.salic-ml.result+json`). */
export interface PublishedResult {
  metric: string;
  tolerance: ResultTolerance;
  /**
   * The data directory exactly as the notebook was given it, in canonical
   * form; for a database, its URL with the password masked.
   */
  data_dir: string;
  projects: ResultProjects;
}

const METRIC_ID = /^[a-z][a-z0-9_]*$/;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when a loader's source is a PostgreSQL URL (postgres:// or postgresql://) rather than a folder. */
export function isDatabaseSource(source: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(source);
}

/**
 * The canonical spelling of a data directory as given (relative stays
 * relative): forward slashes, no `.`/`..` that normalisation removes, no
 * trailing slash. Re-runs with the same parameter publish the same bytes.
 * A database URL's canonical form is the URL with its password masked
 * (`maskDatabaseUrl`), so no published `data_dir` can hold a password.
 */
export function canonicalDataDir(dir: string): string {
  if (isDatabaseSource(dir)) return maskDatabaseUrl(dir);
  const normal = posix.normalize(dir.replace(/\\/g, "/"));
  return normal.length > 1 ? normal.replace(/\/+$/, "") : normal;
}

/** Why a metric id is not acceptable, or undefined. */
export function metricProblem(metric: unknown): string | undefined {
  if (typeof metric !== "string" || !METRIC_ID.test(metric)) {
    return `metric must be a lower-case id like "itens_orcamentarios", got ${JSON.stringify(metric)}`;
  }
  return undefined;
}

/** Why a tolerance is not acceptable, or undefined. */
export function toleranceProblem(tolerance: unknown): string | undefined {
  const t = tolerance as Partial<ResultTolerance> | null;
  const ok = (x: unknown) => typeof x === "number" && Number.isFinite(x) && x >= 0;
  if (typeof t !== "object" || t === null || Array.isArray(t) || !ok(t.abs) || !ok(t.rel) || Object.keys(t).length !== 2) {
    return `tolerance must be {abs, rel} with finite non-negative numbers, got ${JSON.stringify(tolerance)}`;
  }
  return undefined;
}

/** Why a field name is not acceptable, or undefined. */
export function fieldProblem(field: string): string | undefined {
  return FIELD_NAME.test(field) ? undefined : `field name ${JSON.stringify(field)} is not an identifier (letters, digits, _)`;
}

/**
 * Why a value cannot be published, or undefined: `where` names it in the
 * message ("field \"valor\"", "field \"lista\"[2].nome").
 */
export function valueProblem(value: unknown, where: string): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${where} is ${value}; expected a finite number`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = valueProblem(value[i], `${where}[${i}]`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const p = valueProblem(v, `${where}.${k}`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  const kind = value === undefined ? "undefined" : value instanceof Date ? "a Date" : typeof value;
  return `${where} is ${kind}; expected a finite number, boolean, string, null, or an array/object of those`;
}

/**
 * Everything wrong with a result payload read back from a notebook (empty
 * when well-formed). Used by the render check and the promote gate.
 */
export function resultProblems(payload: unknown): string[] {
  if (!isPlainObject(payload)) return ["result payload is not a JSON object"];
  const problems: string[] = [];
  const extra = Object.keys(payload).filter((k) => !["metric", "tolerance", "data_dir", "projects"].includes(k));
  if (extra.length > 0) problems.push(`unexpected result keys: ${extra.join(", ")}`);
  const m = metricProblem(payload.metric);
  if (m !== undefined) problems.push(m);
  const t = toleranceProblem(payload.tolerance);
  if (t !== undefined) problems.push(t);
  const dir = payload.data_dir;
  if (typeof dir !== "string" || dir === "") problems.push(`data_dir must be a non-empty string, got ${JSON.stringify(dir)}`);
  else if (canonicalDataDir(dir) !== dir) problems.push(`data_dir ${JSON.stringify(dir)} is not canonical (expected ${JSON.stringify(canonicalDataDir(dir))})`);
  const projects = payload.projects;
  if (!isPlainObject(projects)) {
    problems.push("projects must be an object keyed by PRONAC");
    return problems;
  }
  if (Object.keys(projects).length === 0) problems.push("projects is empty");
  for (const [pronac, fields] of Object.entries(projects)) {
    const p = projectProblem(pronac, fields);
    if (p !== undefined) {
      problems.push(p);
      break; // one bad project is enough to read; the rest usually repeat it
    }
  }
  return problems;
}

/** Why one project's entry is not acceptable, or undefined. */
export function projectProblem(pronac: string, fields: unknown): string | undefined {
  if (pronac === "" || pronac.trim() !== pronac) return `PRONAC ${JSON.stringify(pronac)} is empty or has surrounding spaces`;
  if (!isPlainObject(fields)) return `project ${JSON.stringify(pronac)} must map field names to values`;
  if (Object.keys(fields).length === 0) return `project ${JSON.stringify(pronac)} has no fields`;
  for (const [field, value] of Object.entries(fields)) {
    const f = fieldProblem(field);
    if (f !== undefined) return `project ${JSON.stringify(pronac)}: ${f}`;
    const v = valueProblem(value, `project ${JSON.stringify(pronac)} field ${JSON.stringify(field)}`);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** True for `{...}` objects (not arrays, dates, class instances). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}
