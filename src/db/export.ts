/**
 * The database read synchronously, for the notebook toolkit (`loadPolars`
 * must stay synchronous: every notebook calls `const data =
 * loadPolars(dataDir);` without `await`, and tslab wants no top-level await
 * in the modules it imports).
 *
 * `loadDatabaseSync` runs this module as a child process
 * (`spawnSync(process.execPath, [this file, MARKER])`) and waits for it. The
 * child reads `{ url, dir, tables }` from its stdin (never from its command
 * line, where `ps` would show the password), runs {@link loadDatabase} — the
 * same query, the same CSV loader, the same checks and DataErrors as
 * `score --db` — and writes each frame to `dir/<table>.arrow` (Arrow IPC,
 * lossless: dtypes, Float64 bits, datetimes, nulls, row order). The parent
 * reads the frames back and removes the folder. What the child failed on
 * comes back as JSON and is thrown again as the same error class with the
 * same message (a DataError keeps its table, row, column and value).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pl from "nodejs-polars";
import { DataError, type DataErrorDetails } from "../data/errors.js";
import type { LoadedData } from "../data/load.js";
import { TABLE_NAMES, type SalicTables, type TableName } from "../data/schema.js";
import { DatabaseError } from "./connect.js";
import { loadDatabase } from "./read.js";
import { maskDatabaseUrl, maskPassword } from "./url.js";

/** The argument that makes this module, run as a script, the export child. */
const MARKER = "--salic-ml-export";

/** What the parent sends on the child's stdin. */
interface ExportRequest {
  url: string;
  dir: string;
  tables?: readonly TableName[];
}

/** What the child prints on its stdout: one JSON line. */
type ExportReply =
  | { ok: true; tables: TableName[] }
  | { ok: false; error: { name: string; message: string; details?: DataErrorDetails } };

/**
 * Reads the tables of schema `salic` with {@link loadDatabase} and writes
 * each frame to `dir/<table>.arrow` (Arrow IPC). Resolves with the tables
 * written, in `loadDatabase`'s order.
 */
export async function exportDatabase(url: string, dir: string, options: { tables?: readonly TableName[] } = {}): Promise<TableName[]> {
  const loaded = await loadDatabase(url, options.tables !== undefined ? { tables: options.tables } : {});
  const written: TableName[] = [];
  for (const table of TABLE_NAMES) {
    const frame = loaded.tables[table];
    if (frame === undefined) continue;
    writeFileSync(join(dir, `${table}.arrow`), frame.writeIPC());
    written.push(table);
  }
  return written;
}

/**
 * {@link loadDatabase}, synchronously: the same frames (dtypes, rows in the
 * same order) and the same errors, read in a child process (see the module
 * comment). `dir` of the result is the masked URL, `files` is empty, nothing
 * is missing. No message ever holds the password.
 * @throws DataError for a missing table or column or a value that does not
 *   fit (naming table, row key, column, value); DatabaseError when the
 *   server cannot be reached or a query fails; Error if the child dies.
 */
export function loadDatabaseSync(url: string, options: { tables?: readonly TableName[] } = {}): LoadedData {
  const masked = maskDatabaseUrl(url);
  const dir = mkdtempSync(join(tmpdir(), "salic-db-export-"));
  try {
    const request: ExportRequest = { url, dir, ...(options.tables !== undefined ? { tables: options.tables } : {}) };
    const child = spawnSync(process.execPath, [...childLoader(), thisFile(), MARKER], {
      input: JSON.stringify(request),
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const failed = (why: string) => new Error(`reading ${masked}: the export process ${why}`);
    if (child.error !== undefined) throw failed(`could not run (${maskPassword(child.error.message, url)})`);
    const reply = parseReply(child.stdout);
    if (reply === undefined) {
      const stderr = maskPassword(child.stderr.trim(), url).slice(-2000);
      throw failed(`${child.signal !== null ? `was killed (${child.signal})` : `exited with code ${child.status}`} without a reply${stderr ? `: ${stderr}` : ""}`);
    }
    if (!reply.ok) throw rebuildError(reply.error, url);
    const tables: SalicTables = {};
    for (const table of reply.tables) tables[table] = pl.readIPC(readFileSync(join(dir, `${table}.arrow`)));
    return { dir: masked, tables, missing: new Map(), files: {} };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function thisFile(): string {
  return fileURLToPath(import.meta.url);
}

/** Under tests the sources run as TypeScript: the child then needs tsx's loader. */
function childLoader(): string[] {
  return extname(thisFile()) === ".ts" ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href] : [];
}

function parseReply(stdout: string): ExportReply | undefined {
  const line = stdout.trim().split("\n").at(-1);
  if (line === undefined || line === "") return undefined;
  try {
    const reply = JSON.parse(line) as ExportReply;
    return typeof reply === "object" && reply !== null && typeof reply.ok === "boolean" ? reply : undefined;
  } catch {
    return undefined;
  }
}

/** The child's error as the parent throws it: same class, same message, same DataError fields. */
function rebuildError(error: { name: string; message: string; details?: DataErrorDetails }, url: string): Error {
  if (error.name === "DataError" && error.details !== undefined) {
    // DataError's message is `<location>: <problem>`: give the constructor the problem so that it rebuilds the same message.
    const location = new DataError(error.details, "").message;
    const problem = error.message.startsWith(location) ? error.message.slice(location.length) : error.message;
    const rebuilt = new DataError(error.details, problem);
    if (rebuilt.message !== error.message) rebuilt.message = error.message;
    return rebuilt;
  }
  const message = maskPassword(error.message, url);
  return error.name === "DatabaseError" ? new DatabaseError(message) : new Error(message);
}

/** The child's side: one request on stdin, one reply on stdout. */
async function runChild(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const request = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ExportRequest;
  let reply: ExportReply;
  try {
    const tables = await exportDatabase(request.url, request.dir, request.tables !== undefined ? { tables: request.tables } : {});
    reply = { ok: true, tables };
  } catch (error) {
    if (error instanceof DataError) {
      const details: DataErrorDetails = {
        file: error.file,
        ...(error.line !== undefined ? { line: error.line } : {}),
        ...(error.row !== undefined ? { row: error.row } : {}),
        ...(error.column !== undefined ? { column: error.column } : {}),
        ...(error.value !== undefined ? { value: error.value } : {}),
      };
      reply = { ok: false, error: { name: "DataError", message: error.message, details } };
    } else {
      const message = error instanceof Error ? error.message : String(error);
      const name = error instanceof DatabaseError ? "DatabaseError" : "Error";
      reply = { ok: false, error: { name, message: maskPassword(message, request.url) } };
    }
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}

function isChildProcess(): boolean {
  const script = process.argv[1];
  if (process.argv[2] !== MARKER || script === undefined) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(thisFile());
  } catch {
    return false;
  }
}

if (isChildProcess()) {
  runChild().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
