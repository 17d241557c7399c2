import { currentDataDir } from "./data-dir.js";
import { show, type DisplayBundle } from "./display.js";
import { formatTable, markdownTable, plainTable } from "./markdown.js";
import {
  RESULT_MIME,
  canonicalDataDir,
  fieldProblem,
  isPlainObject,
  metricProblem,
  projectProblem,
  toleranceProblem,
  type PublishedResult,
  type ResultProjects,
  type ResultTolerance,
  type ResultValue,
} from "./result.js";
import { isArqueroTable, isPolarsFrame, type ArqueroLike } from "./rows.js";
import type pl from "nodejs-polars";
import { byCodeUnit } from "../util/order.js";

/** Per-project values: PRONAC → field → value. */
export type PerProject =
  | Readonly<Record<string, Readonly<Record<string, unknown>>>>
  | ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/** Options of `publish`. */
export interface PublishOptions {
  /** How closely the promoted module must agree: |a − b| ≤ abs + rel·|b|. */
  tolerance: ResultTolerance;
  /** The data directory the notebook was given; defaults to the last `loadPolars`/`loadArquero` directory. */
  dataDir?: string;
  /** Projects listed in the readable summary (default 10). */
  rows?: number;
}

/**
 * Builds the result payload (validated, projects sorted by PRONAC as
 * strings, fields sorted by name) and its display bundle.
 */
export function publishBundle(
  metric: string,
  perProject: PerProject | pl.DataFrame | ArqueroLike,
  options: PublishOptions,
): { result: PublishedResult; bundle: DisplayBundle } {
  const fail = (why: string) => new Error(`publish(${JSON.stringify(metric)}): ${why}`);
  const m = metricProblem(metric);
  if (m !== undefined) throw fail(m);
  const t = toleranceProblem(options?.tolerance);
  if (t !== undefined) throw fail(t);
  const dir = options.dataDir ?? currentDataDir();
  if (dir === undefined || dir === "") {
    throw fail("no data directory: load the data with loadPolars(dataDir) or loadArquero(dataDir) first, or pass { dataDir }");
  }
  const projects = normalizeProjects(toEntries(perProject, fail), fail);
  const result: PublishedResult = {
    metric,
    tolerance: { abs: options.tolerance.abs, rel: options.tolerance.rel },
    data_dir: canonicalDataDir(dir),
    projects,
  };
  return { result, bundle: { data: { [RESULT_MIME]: result, ...summary(result, options.rows ?? 10) } } };
}

/**
 * Publishes a metric's per-project results from a notebook: one output
 * holding the machine-readable `application/vnd.salic-ml.result+json`
 * payload the promote gate compares, and a Markdown summary for readers.
 * `perProject` is PRONAC → fields, or a table (polars or arquero) with a
 * `PRONAC`/`pronac` string column and one column per field. Throws, naming
 * the project and field, on values that are not finite numbers, booleans,
 * strings, null or arrays/objects of those.
 */
export function publish(metric: string, perProject: PerProject | pl.DataFrame | ArqueroLike, options: PublishOptions): void {
  show(publishBundle(metric, perProject, options).bundle);
}

type Entries = [string, Record<string, unknown>][];

function toEntries(input: unknown, fail: (why: string) => Error): Entries {
  if (isPolarsFrame(input)) return frameEntries(input, fail);
  if (isArqueroTable(input)) return recordEntries(input.columnNames(), input.objects() as Record<string, unknown>[], fail);
  if (input instanceof Map) return [...(input as Map<unknown, unknown>)].map(([k, v]) => entry(k, v, fail));
  if (isPlainObject(input)) return Object.entries(input).map(([k, v]) => entry(k, v, fail));
  throw fail("expected PRONAC → fields (object or Map) or a table with a PRONAC column");
}

function entry(pronac: unknown, fields: unknown, fail: (why: string) => Error): [string, Record<string, unknown>] {
  if (typeof pronac !== "string") throw fail(`PRONAC keys must be strings, got ${typeof pronac} ${String(pronac)}`);
  if (!isPlainObject(fields)) throw fail(`project ${JSON.stringify(pronac)} must map field names to values`);
  return [pronac, fields];
}

function frameEntries(df: pl.DataFrame, fail: (why: string) => Error): Entries {
  const key = pronacColumn(df.columns, fail);
  const keyColumn = df.getColumn(key);
  if (keyColumn.dtype.variant !== "String" && keyColumn.dtype.variant !== "Utf8") {
    throw fail(`column ${key} must be text (PRONACs are strings: "000014" is not 14), got ${keyColumn.dtype.variant}`);
  }
  for (const column of df.getColumns()) {
    if (column.dtype.variant === "Datetime" || column.dtype.variant === "Date") {
      throw fail(`column ${column.name} is ${column.dtype.variant}; publish numbers, booleans, strings or null (format dates as text)`);
    }
  }
  return recordEntries(df.columns, df.toRecords() as Record<string, unknown>[], fail);
}

function recordEntries(columns: readonly string[], records: readonly Record<string, unknown>[], fail: (why: string) => Error): Entries {
  const key = pronacColumn(columns, fail);
  return records.map((record, i) => {
    const pronac = record[key];
    if (typeof pronac !== "string") throw fail(`row ${i + 1}: ${key} is ${JSON.stringify(pronac)}; expected a string`);
    const { [key]: _pronac, ...fields } = record;
    return [pronac, fields];
  });
}

function pronacColumn(columns: readonly string[], fail: (why: string) => Error): string {
  const found = columns.filter((c) => c === "PRONAC" || c === "pronac");
  if (found.length !== 1) throw fail(`a table must have exactly one PRONAC (or pronac) column; columns: ${columns.join(", ")}`);
  return found[0]!;
}

function normalizeProjects(entries: Entries, fail: (why: string) => Error): ResultProjects {
  entries.sort(([a], [b]) => byCodeUnit(a, b));
  const projects: ResultProjects = {};
  for (const [pronac, fields] of entries) {
    if (Object.prototype.hasOwnProperty.call(projects, pronac)) throw fail(`PRONAC ${JSON.stringify(pronac)} appears twice`);
    for (const f of Object.keys(fields)) {
      const p = fieldProblem(f);
      if (p !== undefined) throw fail(`project ${JSON.stringify(pronac)}: ${p}`);
    }
    const normal = canonicalValue(fields) as Record<string, ResultValue>;
    const p = projectProblem(pronac, normal);
    if (p !== undefined) throw fail(p);
    projects[pronac] = normal;
  }
  if (entries.length === 0) throw fail("no projects to publish");
  return projects;
}

/** Sorted keys at every level and -0 written as 0, so equal results serialise to equal bytes. */
function canonicalValue(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonicalValue(value[k]);
    return out;
  }
  return value;
}

function summary(result: PublishedResult, rows: number): Record<string, string> {
  // Explicit sort: JS objects list integer-like keys ("9", "10") numerically, not as strings.
  const pronacs = Object.keys(result.projects).sort(byCodeUnit);
  const outliers = pronacs.filter((p) => result.projects[p]!["is_outlier"] === true);
  const hasOutlierField = pronacs.some((p) => "is_outlier" in result.projects[p]!);
  const fields = [...new Set(pronacs.flatMap((p) => Object.keys(result.projects[p]!)))];
  const shown = pronacs.slice(0, rows).map((p) => ({ PRONAC: p, ...result.projects[p] }));
  const formatted = formatTable({ columns: ["PRONAC", ...fields], rows: shown }, 2);
  const { abs, rel } = result.tolerance;
  const head = `Result ${result.metric}: ${pronacs.length} projects${hasOutlierField ? `, ${outliers.length} outliers` : ""}`;
  const facts = `data \`${result.data_dir}\` · tolerance abs ${abs}, rel ${rel} · MIME ${RESULT_MIME}`;
  const outlierLine =
    outliers.length > 0 ? `Outliers: ${outliers.slice(0, 20).join(", ")}${outliers.length > 20 ? `, … (${outliers.length - 20} more)` : ""}` : undefined;
  const more = pronacs.length > shown.length ? `… ${pronacs.length - shown.length} more projects` : undefined;
  const markdown = [
    `**${head.replace(result.metric, `\`${result.metric}\``)}**`,
    "",
    facts,
    ...(outlierLine !== undefined ? ["", outlierLine] : []),
    "",
    markdownTable(formatted),
    ...(more !== undefined ? ["", `*${more}*`] : []),
  ].join("\n");
  const plain = [head, facts.replace(/`/g, ""), ...(outlierLine !== undefined ? [outlierLine] : []), plainTable(formatted), ...(more !== undefined ? [more] : [])].join("\n");
  return { "text/markdown": markdown, "text/plain": plain };
}
