#!/usr/bin/env node
/**
 * The `salic-ml` command: `score` writes every project's financial
 * complexity and metric results as JSON or CSV; `serve` starts the analysts'
 * service. Exit codes: 0 done, 1 bad data or a failure (message on stderr,
 * nothing written), 2 bad arguments.
 *
 * @module
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Writable } from "node:stream";
import { DataError, loadDataDir, type LoadedData } from "./data/index.js";
import { DatabaseError } from "./db/connect.js";
import { PromotionRecordError } from "./promote/record-file.js";
import { importDataDir } from "./db/import.js";
import { loadDatabase } from "./db/read.js";
import { grantsSql } from "./db/store.js";
import { databaseUrl, maskDatabaseUrl } from "./db/url.js";
import { scoreAll, type ScoreRun } from "./score/index.js";
import { SCORE_FORMATS, writeScore, writeScoreFile, type ScoreFormat } from "./output/index.js";
import { integerOption, parseCommandLine, UsageError } from "./util/args.js";
import { packageVersion, REPO_FOLDERS } from "./util/paths.js";

/** Where the CLI reads and writes; `main` takes it so tests can run it in-process. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** Directory that relative paths are resolved against. */
  cwd: string;
  /** Environment (SALIC_ML_DB); default process.env. */
  env?: NodeJS.ProcessEnv;
}

const USAGE = `Usage: salic-ml <command> [options]

Commands:
  score       score every project of a data directory or database (JSON or CSV)
  serve       start the service and page for analysts
  db import   load a data directory into the Salic database (PostgreSQL)
  db grants   print the SQL that lets a role read salic and write salic_ml
  analysts    add, revoke and list the analysts who may write (take projects, give feedback)
  feedback export
              write every feedback entry to a CSV or JSON file

Run 'salic-ml <command> --help' for a command's options,
'salic-ml --version' for the version.
`;

const SCORE_USAGE = `Usage: salic-ml score (--data DIR | --db URL) [--pronac P] [--out FILE] [--format json|csv]
                      [--mask-tax-ids] [--store]

Scores every project of planilha_projetos with the promoted metrics: the
financial complexity (0-10), the admissibility (0 or 10) and each metric's
result.

Options:
  --data DIR       data directory holding the five Salic tables (.csv or .parquet)
  --db URL         read the tables from schema salic of this PostgreSQL database
                   (postgres://user:password@host:port/database; default: $SALIC_ML_DB
                   when --data is not given)
  --store          write the run into schema salic_ml of the database (--db or
                   $SALIC_ML_DB), in one transaction; without --out nothing is
                   written to standard output
  --pronac P       write only project P
  --out FILE       write to FILE instead of standard output: atomically (the
                   previous FILE stays until the new one is whole and on disk) and
                   readable by its owner only (mode 0600)
  --format F       json (default; csv when FILE ends in .csv) or csv: one row per
                   project with the scores and each metric's valor and is_outlier
  --mask-tax-ids   mask the CPF/CNPJ of providers in the metrics' details as the
                   service does (***.***.789-**, **.***.678/****-**); without it
                   they are written as the source holds them (personal data:
                   LGPD). The CSV holds no details and is the same either way
  -h, --help       show this help

A missing table is reported on stderr and the metrics that need it come out
as not available; malformed data stops with exit code 1 before anything is
written.
`;

const DB_USAGE = `Usage: salic-ml db import --data DIR [--db URL]
       salic-ml db grants --role NAME

import loads the five Salic tables of DIR into schema salic of the PostgreSQL
database (--db, default $SALIC_ML_DB), replacing what was there, in one
transaction. The files are checked first: a malformed one is refused with
file, line, column and value, and the database is left as it was.

grants prints the SQL an administrator runs so that role NAME reads schema
salic and writes only schema salic_ml (nothing is executed).

Options:
  --data DIR       data directory holding the five tables (.csv or .parquet)
  --db URL         postgres://user:password@host:port/database
  --role NAME      the role salic-ml connects as
  -h, --help       show this help
`;

const ANALYSTS_USAGE = `Usage: salic-ml analysts add NAME EMAIL [--db URL] [--feedback-store DIR]
       salic-ml analysts revoke EMAIL [--db URL] [--feedback-store DIR]
       salic-ml analysts list [--db URL] [--feedback-store DIR]

add creates an analyst and prints their token once, alone on the last line:
only its sha256 is stored, so a lost token cannot be shown again (revoke and
add the analyst anew). The token goes in 'Authorization: Bearer TOKEN' of the
API's writes (taking a project, feedback). revoke ends a token: its requests
are then refused with 403. list shows every analyst and whether they are active.

The analysts live in schema salic_ml of the database (--db, default
$SALIC_ML_DB), or without one in an embedded database (PGlite) in
.salic-ml/feedback of the project folder (--feedback-store DIR). Every change
is a new row: the history stays.

Options:
  --db URL              postgres://user:password@host:port/database
  --feedback-store DIR  the embedded store's folder (when no database is given)
  -h, --help            show this help
`;

const FEEDBACK_USAGE = `Usage: salic-ml feedback export --out FILE [--format csv|json] [--db URL] [--feedback-store DIR]

Writes every feedback entry, ordered by time then entry, one row each with
pronac,metrica,avaliacao,nota,comentario,analista,quando (quando in ISO 8601
UTC with milliseconds; tax ids in comments masked). CSV (RFC 4180, a header
line, empty fields for null) or a JSON array of objects with those keys (null
when absent). FILE is written atomically and readable by its owner only.

Options:
  --out FILE            the file to write
  --format F            csv (default; json when FILE ends in .json) or json
  --db URL              read the store in schema salic_ml of this database (default $SALIC_ML_DB)
  --feedback-store DIR  the embedded store's folder (default .salic-ml/feedback)
  -h, --help            show this help
`;

const SERVE_USAGE = `Usage: salic-ml serve [--data DIR | --db URL] [--watch S] [--port N] [--host H]
                      [--cors-origin ORIGINS] [--public-url URL] [--feedback-store DIR]

Starts the HTTP API and the analysts' page over the scores of DIR or of the
database. Results come from a disk cache keyed by the source's fingerprint,
the metrics and the code; a new state is scored first and, for a database,
stored in schema salic_ml. While serving, the source is checked every S
seconds; a change is scored in the background and then served, without
interrupting the service.

Options:
  --data DIR       data directory (default: data-samples, unless $SALIC_ML_DB is set)
  --db URL         read the tables from schema salic of this PostgreSQL database
                   (postgres://user:password@host:port/database; default: $SALIC_ML_DB
                   when --data is not given)
  --watch S        seconds between two checks of the source for changes
                   (default: 30; 0: never)
  --port N         TCP port (default: 3000)
  --host H         interface to listen on (default: 127.0.0.1)
  --cors-origin ORIGINS
                   origins whose web pages may read the API (/v1) from a browser,
                   comma-separated, each scheme://host[:port] as the browser sends
                   it (e.g. http://localhost:8080 for the original Salic-ML front
                   end), or * for any. Default: none, only this service's own page;
                   the page and /health never answer other origins
  --public-url URL the URL clients reach the service at (e.g.
                   https://salic-ml.example.gov.br, with a proxy's path prefix if
                   any): links in the answers (next_page_url, prev_page_url,
                   links.details) start with it. Default: links are paths (/v1/...)
  --feedback-store DIR
                   the embedded analysts' store (analysts, who has which project,
                   feedback) when serving without a database (default:
                   .salic-ml/feedback of the project folder); with --db, they live
                   in schema salic_ml of the database
  -h, --help       show this help

Every answer carries Content-Security-Policy, X-Content-Type-Options,
X-Frame-Options and Referrer-Policy; tax ids are masked in every answer and log
line. A client slow to send its request is answered 408 and disconnected, and
connections beyond a cap are refused (startServer's limits give the values).
`;

/** An expected failure whose message says it all: exit code 1, no stack trace. */
class Failure extends Error {}

/**
 * Runs the CLI with `argv` (the arguments after the program name) and
 * resolves with the exit code; `serve` resolves once the server listens.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "score") return await score(rest, io);
    if (command === "serve") return await serve(rest, io);
    if (command === "db") return await db(rest, io);
    if (command === "analysts") return await analysts(rest, io);
    if (command === "feedback") return await feedback(rest, io);
    if (command === "-h" || command === "--help" || command === "help") {
      io.stdout.write(USAGE);
      return 0;
    }
    if (command === "-v" || command === "--version") {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    throw new UsageError(command === undefined ? "missing command" : `unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command === undefined ? "salic-ml --help" : `salic-ml ${error.command} --help`;
      io.stderr.write(`salic-ml: ${error.message}\nRun '${help}' for usage.\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`salic-ml: ${message}\n`);
    // A loader error is about the user's data and a system error about their
    // files: the message says it all. Anything else is unexpected, and its
    // stack is what a bug report needs.
    const expected =
      error instanceof DataError || error instanceof Failure || error instanceof DatabaseError || error instanceof PromotionRecordError || isSystemError(error);
    if (!expected && error instanceof Error && error.stack) {
      io.stderr.write(`${error.stack}\n`);
    }
    return 1;
  }
}

async function score(args: readonly string[], io: CliIo): Promise<number> {
  const { values: options } = parseCommandLine(
    args,
    { ...stringOptions("data", "db", "pronac", "out", "format"), store: { type: "boolean" }, "mask-tax-ids": { type: "boolean" }, help: HELP },
    { command: "score" },
  );
  if (options.help) {
    io.stdout.write(SCORE_USAGE);
    return 0;
  }
  const dbUrl = commandDatabase("score", options.db, io);
  if (options.data === undefined && dbUrl === undefined) throw new UsageError("--data is required", "score");
  if (options.store === true && dbUrl === undefined) throw new UsageError("--store writes into the database: give --db URL or set SALIC_ML_DB", "score");
  const dataDir = options.data === undefined ? undefined : existingDirectory("score", "--data", resolve(io.cwd, options.data));
  const out = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  if (out !== undefined) existingDirectory("score", "--out", dirname(out), `directory of ${out} does not exist`);
  const format = scoreFormat(options.format, out);
  const maskTaxIds = options["mask-tax-ids"] === true;

  const startedAt = new Date();
  // The score reports no file hashes: skip hashing (about a second at national scale) unless the run is stored.
  // Scoring keeps only the required columns (less memory); the optional ones are for the service's pages.
  const loaded =
    dataDir !== undefined ? loadDataDir(dataDir, { hash: options.store === true, columns: "required" }) : await loadDatabase(dbUrl!);
  const noProjects = loaded.missing.get("planilha_projetos");
  if (noProjects !== undefined) throw new Failure(`${noProjects}: it lists the projects to score`);
  // Loaded here, not at start-up, so that a damaged promotion record is an error message like any other.
  const { PROMOTED_METRICS } = await import("./metrics/promoted.js");
  const run = scoreAll(loaded.tables, PROMOTED_METRICS);
  const pronacs = options.pronac === undefined ? run.pronacs : [options.pronac];
  if (options.pronac !== undefined && run.project(options.pronac) === undefined) {
    throw new Failure(`PRONAC "${options.pronac}" is not a project of planilha_projetos in ${loaded.dir}`);
  }
  for (const notice of unavailableNotices(loaded, run)) io.stderr.write(`salic-ml: ${notice}\n`);

  if (options.store === true) {
    const { storeScoreRun } = await import("./db/provenance.js");
    const stored = await storeScoreRun(dbUrl!, run, loaded, startedAt);
    io.stderr.write(`salic-ml: stored run ${stored} (${run.pronacs.length} projects) in salic_ml of ${maskDatabaseUrl(dbUrl!)}\n`);
    if (out === undefined) return 0;
  }
  if (out !== undefined) {
    await writeScoreFile(out, run, { format, pronacs, maskTaxIds });
    return 0;
  }
  try {
    await writeScore(run, io.stdout, { format, pronacs, maskTaxIds, end: false });
  } catch (error) {
    // The reader closed the pipe (`salic-ml score ... | head`): it wanted no more.
    if ((error as NodeJS.ErrnoException).code !== "EPIPE") throw error;
  }
  return 0;
}

async function serve(args: readonly string[], io: CliIo): Promise<number> {
  const { values: options } = parseCommandLine(
    args,
    { ...stringOptions("data", "db", "watch", "port", "host", "cors-origin", "public-url", "feedback-store"), help: HELP },
    { command: "serve" },
  );
  if (options.help) {
    io.stdout.write(SERVE_USAGE);
    return 0;
  }
  if (options.data !== undefined && options.db !== undefined) throw new UsageError("give --data DIR or --db URL, not both", "serve");
  // --db, else (without --data) SALIC_ML_DB, else the folder: --data or the samples.
  const db = options.data === undefined ? commandDatabase("serve", options.db, io) : undefined;
  const source = db !== undefined ? { db } : { dataDir: existingDirectory("serve", "--data", resolve(io.cwd, options.data ?? REPO_FOLDERS.samples)) };
  // Absent options are left to the server's own defaults (port 3000, 127.0.0.1, a check every 30 s).
  const port = options.port === undefined ? undefined : integerOption("port", options.port, 0, 0, 65535, "serve");
  const watchSeconds = options.watch === undefined ? undefined : integerOption("watch", options.watch, 0, 0, 86_400, "serve");
  // Loaded on demand: `score` should not pay for the web server's start-up.
  const { startServer, parseOrigins, parsePublicUrl, SourceError } = await import("./serve/index.js");
  let corsOrigins: string[] | undefined;
  let publicUrl: string | undefined;
  try {
    corsOrigins = options["cors-origin"] === undefined ? undefined : parseOrigins([options["cors-origin"]], "--cors-origin");
    publicUrl = options["public-url"] === undefined ? undefined : parsePublicUrl(options["public-url"], "--public-url");
  } catch (error) {
    throw new UsageError((error as Error).message, "serve");
  }
  try {
    // startServer reports the address itself once it listens; the open socket keeps the process alive.
    const feedbackStore = db !== undefined ? undefined : feedbackDir(options["feedback-store"], io);
    await startServer({ ...source, feedbackStore, port, host: options.host, watchSeconds, corsOrigins, publicUrl, log: (line) => io.stderr.write(`${line}\n`) });
  } catch (error) {
    // A folder without planilha_projetos is the user's to fix: its message, no stack.
    if (error instanceof SourceError) throw new Failure(error.message);
    throw error;
  }
  return 0;
}

async function db(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "-h" || sub === "--help") {
    io.stdout.write(DB_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== "import" && sub !== "grants") throw new UsageError(`unknown db command "${sub}" (expected: import or grants)`, "db");
  if (sub === "grants") {
    const { values: options } = parseCommandLine(rest, { ...stringOptions("role"), help: HELP }, { command: "db" });
    if (options.help) {
      io.stdout.write(DB_USAGE);
      return 0;
    }
    if (options.role === undefined) throw new UsageError("--role NAME is required", "db");
    try {
      io.stdout.write(grantsSql(options.role));
    } catch (error) {
      throw new UsageError(`--role: ${(error as Error).message}`, "db");
    }
    return 0;
  }
  const { values: options } = parseCommandLine(rest, { ...stringOptions("data", "db"), help: HELP }, { command: "db" });
  if (options.help) {
    io.stdout.write(DB_USAGE);
    return 0;
  }
  if (options.data === undefined) throw new UsageError("--data DIR is required", "db");
  const dataDir = existingDirectory("db", "--data", resolve(io.cwd, options.data));
  const url = commandDatabase("db", options.db, io);
  if (url === undefined) throw new UsageError("--db URL is required (or set SALIC_ML_DB)", "db");
  await importDataDir(dataDir, url, (line) => io.stderr.write(`salic-ml: ${line}\n`));
  return 0;
}

async function analysts(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "-h" || sub === "--help") {
    io.stdout.write(ANALYSTS_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== "add" && sub !== "revoke" && sub !== "list") throw new UsageError(`unknown analysts command "${sub}" (expected: add, revoke or list)`, "analysts");
  const { values: options, positionals } = parseCommandLine(rest, { ...stringOptions("db", "feedback-store"), help: HELP }, { command: "analysts", positionals: true });
  if (options.help) {
    io.stdout.write(ANALYSTS_USAGE);
    return 0;
  }
  const expected = { add: ["NAME", "EMAIL"], revoke: ["EMAIL"], list: [] }[sub];
  if (positionals.length !== expected.length) {
    throw new UsageError(`analysts ${sub} takes ${expected.length === 0 ? "no arguments" : expected.join(" ")}, got ${positionals.length} argument(s)`, "analysts");
  }
  const store = await openStoreOf("analysts", options, io);
  try {
    if (sub === "add") {
      let added;
      try {
        added = await store.addAnalyst(positionals[0]!, positionals[1]!);
      } catch (error) {
        if (error instanceof Error && !(error instanceof DatabaseError)) throw new Failure(error.message);
        throw error;
      }
      io.stderr.write(`salic-ml: added analyst ${added.analyst.nome} <${added.analyst.email}> in ${store.label}; their token follows (shown once, only its hash is kept):\n`);
      io.stdout.write(`${added.token}\n`);
    } else if (sub === "revoke") {
      const revoked = await store.revokeAnalyst(positionals[0]!).catch(asFailure);
      io.stderr.write(`salic-ml: revoked ${revoked.nome} <${revoked.email}>: their token is refused from now on\n`);
    } else {
      for (const analyst of await store.listAnalysts()) {
        io.stdout.write(`${analyst.email}\t${analyst.nome}\t${analyst.ativo ? "ativo" : "revogado"}\t${analyst.quando.toISOString()}\n`);
      }
    }
  } finally {
    await store.close();
  }
  return 0;
}

async function feedback(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "-h" || sub === "--help") {
    io.stdout.write(FEEDBACK_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== "export") throw new UsageError(`unknown feedback command "${sub}" (expected: export)`, "feedback");
  const { values: options } = parseCommandLine(rest, { ...stringOptions("db", "feedback-store", "out", "format"), help: HELP }, { command: "feedback" });
  if (options.help) {
    io.stdout.write(FEEDBACK_USAGE);
    return 0;
  }
  if (options.out === undefined) throw new UsageError("--out FILE is required", "feedback");
  const out = resolve(io.cwd, options.out);
  existingDirectory("feedback", "--out", dirname(out), `directory of ${out} does not exist`);
  const { EXPORT_FORMATS, writeExport } = await import("./feedback/export.js");
  const format = options.format ?? (extname(out).toLowerCase() === ".json" ? "json" : "csv");
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be ${EXPORT_FORMATS.join(" or ")}, got "${format}"`, "feedback");
  const store = await openStoreOf("feedback", options, io);
  try {
    const entries = await store.allFeedback();
    writeExport(out, entries, format as "csv" | "json");
    io.stderr.write(`salic-ml: wrote ${entries.length} feedback entries to ${out}\n`);
  } finally {
    await store.close();
  }
  return 0;
}

/** The analysts' store of a command: --db (or SALIC_ML_DB), else the embedded one (--feedback-store or the default folder). */
async function openStoreOf(command: string, options: { db?: string; "feedback-store"?: string }, io: CliIo) {
  const db = commandDatabase(command, options.db, io);
  if (db !== undefined && options["feedback-store"] !== undefined) throw new UsageError("give --db URL or --feedback-store DIR, not both", command);
  const { openFeedbackStore } = await import("./feedback/open.js");
  return openFeedbackStore(db !== undefined ? { db } : { dir: feedbackDir(options["feedback-store"], io) }).catch((error: unknown) => {
    // Another process has the embedded store: the user's to resolve, one line.
    if (error instanceof Error && error.name === "StoreBusyError") throw new Failure(error.message);
    throw error;
  });
}

function feedbackDir(option: string | undefined, io: CliIo): string | undefined {
  return option === undefined ? undefined : resolve(io.cwd, option);
}

function asFailure(error: unknown): never {
  if (error instanceof Error && error.name === "FeedbackStoreError") throw new Failure(error.message);
  throw error;
}

/** The database of a command: --db, else SALIC_ML_DB; a bad URL is a usage error. */
function commandDatabase(command: string, option: string | undefined, io: CliIo): string | undefined {
  try {
    return databaseUrl(option, io.env ?? process.env);
  } catch (error) {
    throw new UsageError((error as Error).message, command);
  }
}

/**
 * Which metrics are not available and why, one line per missing table
 * ("planilha_captacao.csv not found in DIR: valor_captado, … reported as not
 * available"), then any other reason the run gives.
 */
export function unavailableNotices(loaded: Pick<LoadedData, "missing">, run: Pick<ScoreRun, "metrics" | "unavailable">): string[] {
  const notices: string[] = [];
  const explained = new Set<string>();
  for (const [table, reason] of loaded.missing) {
    const ids = run.metrics.filter((m) => m.tables.includes(table)).map((m) => m.id);
    ids.forEach((id) => explained.add(id));
    notices.push(ids.length > 0 ? `${reason}: ${ids.join(", ")} reported as not available` : reason);
  }
  for (const [id, reason] of run.unavailable) {
    if (!explained.has(id)) notices.push(`${id} reported as not available: ${reason}`);
  }
  return notices;
}

const HELP = { type: "boolean", short: "h" } as const;

function stringOptions<N extends string>(...names: N[]): Record<N, { readonly type: "string" }> {
  return Object.fromEntries(names.map((name) => [name, { type: "string" }])) as Record<N, { readonly type: "string" }>;
}

function scoreFormat(format: string | undefined, out: string | undefined): ScoreFormat {
  if (format === undefined) return out !== undefined && extname(out).toLowerCase() === ".csv" ? "csv" : "json";
  if (!(SCORE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be ${SCORE_FORMATS.join(" or ")}, got "${format}"`, "score");
  }
  return format as ScoreFormat;
}

function existingDirectory(command: string, option: string, path: string, message = `no such directory: ${path}`): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`${option}: ${message}`, command);
  return path;
}

function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

// Run only when executed as the bin (also through npm's symlink), not when imported.
const entry = process.argv[1];
if (entry !== undefined && existsSync(entry) && realpathSync(entry) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
