/**
 * Promotion record files, promoted/<metric>.json: where they are, and their
 * shape checked field by field — what `promote --check`, the gate and the
 * runtime's PROMOTED_METRICS (src/metrics/promoted.ts, which re-exports this)
 * say about a record that is cut short, hand-edited or otherwise damaged,
 * instead of failing on it later with a TypeError or a stack trace. It
 * reads records without computing PROMOTED_METRICS, so that the gate and
 * `--check` load even when a record of the package is damaged.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The folder of the package holding the promotion records, `<metric>.json` each. */
export const PROMOTED_DIR = "promoted";

/** Where metric `id`'s promotion record lives under `root`. */
export function promotionRecordPath(root: string, id: string): string {
  return join(root, PROMOTED_DIR, `${id}.json`);
}

/**
 * A promotion record that cannot be read: not valid JSON, or not the shape
 * `npm run promote` writes. The message names the file and what to do:
 * `promoted/valor_aprovado.json: not valid JSON (…) — rerun npm run promote -- valor_aprovado`.
 */
export class PromotionRecordError extends Error {
  override name = "PromotionRecordError";
  constructor(
    /** The record's path, as given to the reader. */
    readonly path: string,
    readonly metric: string,
    readonly problems: readonly string[],
    shown: string = path,
  ) {
    super(damagedRecordMessage(shown, metric, problems));
  }
}

/**
 * Reads and checks promoted/<id>.json under `root`: the parsed record, or
 * undefined when there is none. `shown` is how messages name the file
 * (default: its full path).
 *
 * @throws PromotionRecordError when the file is not valid JSON or not a well-formed record of `id`.
 */
export function readPromotionRecord(root: string, id: string, shown?: string): Record<string, unknown> | undefined {
  const path = promotionRecordPath(root, id);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  const problems = recordTextProblems(id, text);
  if (problems.length > 0) throw new PromotionRecordError(path, id, problems, shown ?? path);
  return JSON.parse(text) as Record<string, unknown>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** How many field problems a message lists before "…". */
const LISTED = 3;

/**
 * What is wrong with the text of promoted/<id>.json, one phrase per problem
 * ("not valid JSON (…)", "field compared must be a number, found \"3\"",
 * "field tolerance.abs is missing"); empty when it is a well-formed record of
 * metric `id`.
 */
export function recordTextProblems(id: string, text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [`not valid JSON (${(error as Error).message})`];
  }
  return recordShapeProblems(id, value);
}

/** What is wrong with a parsed record of metric `id` (see recordTextProblems). */
export function recordShapeProblems(id: string, value: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(value)) return [`not a promotion record: expected a JSON object, found ${describe(value)}`];
  const at = (path: string): unknown => path.split(".").reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), value);
  const field = (path: string, expected: string, ok: (v: unknown) => boolean): void => {
    const v = at(path);
    if (v === undefined) problems.push(`field ${path} is missing`);
    else if (!ok(v)) problems.push(`field ${path} must be ${expected}, found ${describe(v)}`);
  };
  const string = (v: unknown) => typeof v === "string" && v !== "";
  const sha = (v: unknown) => typeof v === "string" && SHA256.test(v);
  const number = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;
  const object = (v: unknown) => isObject(v);

  field("metric", `"${id}" (the file's name)`, (v) => v === id);
  field("verdict", '"pass"', (v) => v === "pass");
  for (const source of ["notebook", "module"]) {
    field(source, "an object {path, sha256}", object);
    if (isObject(at(source))) {
      field(`${source}.path`, "a path (a non-empty string)", string);
      field(`${source}.sha256`, "a sha256 (64 lowercase hex digits)", sha);
    }
  }
  if (isObject(at("notebook"))) {
    // Optional: records written before the toolkit and the committed outputs were tracked lack them (and are stale).
    const deps = at("notebook.deps");
    if (deps !== undefined && !Array.isArray(deps)) problems.push(`field notebook.deps must be an array of {path, sha256}, found ${describe(deps)}`);
    if (Array.isArray(deps)) {
      deps.forEach((dep: unknown, i) => {
        if (!isObject(dep) || !string(dep["path"]) || !sha(dep["sha256"])) {
          problems.push(`field notebook.deps[${i}] must be {path, sha256} (a path and a sha256), found ${describe(dep)}`);
        }
      });
    }
    const published = at("notebook.published_sha256");
    if (published !== undefined && !sha(published)) problems.push(`field notebook.published_sha256 must be a sha256 (64 lowercase hex digits), found ${describe(published)}`);
  }
  if (isObject(at("module"))) {
    field("module.deps", "an array of {path, sha256}", Array.isArray);
    const deps = at("module.deps");
    if (Array.isArray(deps)) {
      deps.forEach((dep: unknown, i) => {
        if (!isObject(dep) || !string(dep["path"]) || !sha(dep["sha256"])) {
          problems.push(`field module.deps[${i}] must be {path, sha256} (a path and a sha256), found ${describe(dep)}`);
        }
      });
    }
  }
  field("data", "an object {dir, files}", object);
  if (isObject(at("data"))) {
    field("data.dir", "a path (a non-empty string)", string);
    field("data.files", "an object of file name → sha256", object);
    const files = at("data.files");
    if (isObject(files)) {
      for (const [file, hash] of Object.entries(files)) {
        if (!sha(hash)) problems.push(`field data.files[${JSON.stringify(file)}] must be a sha256 (64 lowercase hex digits), found ${describe(hash)}`);
      }
    }
  }
  field("tolerance", "an object {abs, rel}", object);
  if (isObject(at("tolerance"))) {
    field("tolerance.abs", "a number (finite, not negative)", number);
    field("tolerance.rel", "a number (finite, not negative)", number);
  }
  field("compared", "a number (a whole count of projects)", (v) => number(v) && Number.isInteger(v));
  field("max_abs_diff", "a number (finite, not negative)", number);
  field("max_rel_diff", "a number (finite, not negative)", number);
  field("versions", "an object of tool → version", (v) => isObject(v) && Object.values(v).every((x) => typeof x === "string"));
  field("date", "a day (YYYY-MM-DD)", (v) => typeof v === "string" && DAY.test(v));
  return problems;
}

/**
 * One line naming a damaged record and what to do:
 * `promoted/valor_aprovado.json: not valid JSON (…) — rerun npm run promote -- valor_aprovado`.
 * `shown` is the record's path as the reader should see it.
 */
export function damagedRecordMessage(shown: string, id: string, problems: readonly string[]): string {
  const listed = problems.slice(0, LISTED).join("; ") + (problems.length > LISTED ? `; and ${problems.length - LISTED} more` : "");
  return `${shown}: ${listed} — rerun npm run promote -- ${id}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
