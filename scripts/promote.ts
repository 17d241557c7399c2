/**
 * `npm run promote [-- --data DIR | --db URL] [--all] [--check | --release-check] [METRIC...]`:
 * the promotion gate (see src/promote). Exit 0 when every selected metric is
 * promoted or fresh (or, with --check, every record is fresh); 1 otherwise;
 * 2 on bad arguments.
 *
 * On the sample data it executes only the notebooks whose metrics' records
 * are stale (the staleness `--check` reports) and names the others
 * ("skipped (fresh): …"); `--all` executes every one. dist/ is built only
 * when a notebook is to execute, so a run with nothing changed starts no
 * Jupyter and no compiler.
 *
 * `--db URL` (default: $SALIC_ML_DB, unless `--data` is given) runs the gate
 * on schema salic of a PostgreSQL database instead of a folder: the URL is
 * injected as each notebook's `dataDir`, the modules read `loadDatabase(url)`,
 * the same summary is printed, and nothing is recorded (no promotion record,
 * no catalog: records pin the committed sample data, which `--check`
 * re-verifies without a server). Exit 0 when every selected metric agrees.
 *
 * SIGINT, SIGTERM or SIGHUP stop a run: its notebooks' kernels (with their
 * figure renderers and Chromium) are killed, nothing more is written, and
 * the exit code is 130, 143 or 129. So does the end of the process chain
 * that launched it: `npm run promote` is npm → sh → tsx → node, and the
 * SIGTERM npm passes to sh goes no further. (A SIGINT sent to npm alone
 * stops at sh too, and leaves nothing to see: only a script run with `exec`,
 * `"promote": "exec tsx scripts/promote.ts"`, would receive it.) A second
 * signal exits at once; the executors still kill their kernels when this
 * process is gone.
 */
import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_CELL_TIMEOUT_SECONDS } from "../src/jupyter/execute.js";
import { REGISTRY } from "../src/metrics/registry.js";
import { catalogPath } from "../src/promote/catalog.js";
import { checkRecords } from "../src/promote/check.js";
import { GateError, promote } from "../src/promote/gate.js";
import { GateStopped, stopOn } from "../src/promote/stop.js";
import { formatStaleness, formatSummary } from "../src/promote/report.js";
import { databaseUrl, maskDatabaseUrl } from "../src/db/url.js";
import { integerOption, parseCommandLine, secondsOption, UsageError } from "../src/util/args.js";
import { packageRoot, REPO_FOLDERS, repoRelative } from "../src/util/paths.js";

const USAGE =
  "usage: npm run promote [-- --data DIR | --db URL] [--all] [--check | --release-check] [--concurrency N] [--cell-timeout S] [METRIC...]\n" +
  "  --all     execute every selected notebook, fresh or not (default: only those whose record is stale)\n" +
  "  --db URL  compare on a PostgreSQL database (postgres://user:password@host:port/database; default $SALIC_ML_DB\n" +
  "            unless --data is given); a database run records nothing";

const OPTIONS = {
  data: { type: "string" },
  db: { type: "string" },
  check: { type: "boolean" },
  all: { type: "boolean" },
  "release-check": { type: "boolean" },
  concurrency: { type: "string" },
  "cell-timeout": { type: "string" },
} as const;

/** The command line, checked: a UsageError names what is wrong. */
function parse(args: readonly string[]) {
  const { values, positionals } = parseCommandLine(args, OPTIONS, { positionals: true });
  const checking = values.check === true || values["release-check"] === true;
  if (values.db !== undefined && values.data !== undefined) throw new UsageError("give --data DIR or --db URL, not both");
  if (values.db !== undefined && checking) throw new UsageError("--check and --release-check read the records, not a database: drop --db");
  // SALIC_ML_DB is --db's default; an explicit --data (or a check) does not read it.
  const db = values.data !== undefined || checking ? undefined : databaseUrlOption(values.db);
  return {
    data: values.data ?? REPO_FOLDERS.samples,
    db,
    check: values.check === true,
    all: values.all === true,
    releaseCheck: values["release-check"] === true,
    concurrency: integerOption("concurrency", values.concurrency, 2, 1, 64),
    cellTimeoutSeconds: secondsOption("cell-timeout", values["cell-timeout"], DEFAULT_CELL_TIMEOUT_SECONDS),
    metrics: positionals,
  };
}

/** --db, else SALIC_ML_DB; a value that is not a postgres:// URL is a usage error. */
function databaseUrlOption(option: string | undefined): string | undefined {
  try {
    return databaseUrl(option);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** How long a stopped run may take to stop its notebooks before the process exits anyway. */
const STOP_GRACE_MS = 20_000;

/**
 * The command: `args` as after `npm run promote --`, on the repository at
 * `root`; resolves with the exit code. `build: false` skips compiling dist/
 * (tests, which build it once).
 */
export async function runPromote(args: readonly string[], options: { root: string; build?: boolean }): Promise<number> {
  const root = options.root;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  if (parsed.check || parsed.releaseCheck) return check(root, parsed.releaseCheck);

  const stop = new AbortController();
  const exitNow = (code: number) => {
    console.error(`promote: second signal: exiting now (the executors kill their kernels when this process is gone)`);
    process.exit(code);
  };
  const dispose = stopOn(stop, { onSecondSignal: exitNow, watchLauncher: true });
  stop.signal.addEventListener("abort", () => {
    const reason = stop.signal.reason as GateStopped;
    console.error(`promote: ${reason.message}: stopping the notebooks' kernels; nothing more is written`);
    setTimeout(() => exitNow(reason.exitCode), STOP_GRACE_MS).unref();
  });
  try {
    return await run(root, parsed, options.build !== false, stop.signal);
  } catch (error) {
    if (!(error instanceof GateStopped)) throw error;
    console.error(`promote: ${error.message}: kernels stopped, promoted/ left as it was`);
    return error.exitCode;
  } finally {
    dispose();
  }
}

async function run(root: string, args: ReturnType<typeof parse>, build: boolean, signal: AbortSignal): Promise<number> {
  // Notebooks import the compiled toolkit (dist/): build it from the sources being promoted, when one is to execute.
  const beforeExecuting = async () => {
    if (!build) return;
    console.log("promote: building the project");
    const status = await buildProject(root, signal);
    signal.throwIfAborted();
    if (status !== 0) throw new GateError("the build failed; fix the type errors above first");
  };
  const started = Date.now();
  try {
    const verdicts = await promote({
      root,
      ...(args.db !== undefined ? { db: args.db } : { dataDir: args.data }),
      metrics: args.metrics.length > 0 ? args.metrics : undefined,
      concurrency: args.concurrency,
      cellTimeoutSeconds: args.cellTimeoutSeconds,
      all: args.all,
      beforeExecuting,
      log: (line) => console.log(line),
      signal,
    });
    console.log(`\n${formatSummary(verdicts, { recorded: args.db === undefined })}\n`);
    const refused = verdicts.filter((v) => !v.ok).length;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (args.db !== undefined) {
      console.log(`promote: ${verdicts.length - refused} agree, ${refused} refused in ${seconds} s on ${maskDatabaseUrl(args.db)}`);
      console.log("promote: database run: compared, nothing recorded (records and the catalog come from `npm run promote` on data-samples)");
    } else {
      const fresh = verdicts.filter((v) => v.fresh === true).length;
      console.log(
        `promote: ${verdicts.length - refused - fresh} promoted, ${fresh} fresh (skipped), ${refused} refused in ${seconds} s; catalog: ${repoRelative(root, catalogPath(root))}`,
      );
    }
    return refused === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof GateError)) throw error;
    console.error(`promote: ${error.message}`);
    return 1;
  }
}

/** tsc -p tsconfig.build.json, stopped with the run: its exit code. */
function buildProject(root: string, signal: AbortSignal): Promise<number | null> {
  const tsc = spawn(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  const kill = () => tsc.kill("SIGTERM");
  signal.addEventListener("abort", kill, { once: true });
  return new Promise((resolveExit, rejectExit) => {
    tsc.once("error", rejectExit);
    tsc.once("exit", (code) => {
      signal.removeEventListener("abort", kill);
      resolveExit(code);
    });
  });
}

function check(root: string, release: boolean): number {
  const stale = checkRecords(root, REGISTRY);
  if (stale.length === 0) {
    console.log(`promote --check: all ${REGISTRY.length} metrics have fresh promotion records.`);
    return 0;
  }
  const what = release ? "release refused: every exported metric needs a fresh passing record" : "stale promotion records";
  console.error(`promote: ${what}\n\n${formatStaleness(stale)}`);
  return 1;
}

function usage(message: string): number {
  console.error(`promote: ${message}\n${USAGE}`);
  return 2;
}

// Run as a program (not imported, as test/support/promote-cli.ts does).
if (process.argv[1] !== undefined && realpathSync(resolve(process.argv[1])) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = await runPromote(process.argv.slice(2), { root: packageRoot() });
}
