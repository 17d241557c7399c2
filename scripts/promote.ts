/**
 * `npm run promote [-- --data DIR | --db URL] [--check | --release-check] [METRIC...]`:
 * the promotion gate (see src/promote). Exit 0 when every selected metric is
 * promoted (or, with --check, every record is fresh); 1 otherwise; 2 on bad
 * arguments.
 *
 * `--db URL` (default: $SALIC_ML_DB, unless `--data` is given) runs the gate
 * on schema salic of a PostgreSQL database instead of a folder: the URL is
 * injected as each notebook's `dataDir`, the modules read `loadDatabase(url)`,
 * the same summary is printed, and nothing is recorded (no promotion record,
 * no catalog: records pin the committed sample data, which `--check`
 * re-verifies without a server). Exit 0 when every selected metric agrees.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { DEFAULT_CELL_TIMEOUT_SECONDS } from "../src/jupyter/execute.js";
import { REGISTRY } from "../src/metrics/registry.js";
import { catalogPath } from "../src/promote/catalog.js";
import { checkRecords } from "../src/promote/check.js";
import { GateError, promote } from "../src/promote/gate.js";
import { formatStaleness, formatSummary } from "../src/promote/report.js";
import { databaseUrl, maskDatabaseUrl } from "../src/db/url.js";
import { integerOption, parseCommandLine, secondsOption, UsageError } from "../src/util/args.js";
import { packageRoot, REPO_FOLDERS, repoRelative } from "../src/util/paths.js";

const root = packageRoot();
const USAGE =
  "usage: npm run promote [-- --data DIR | --db URL] [--check | --release-check] [--concurrency N] [--cell-timeout S] [METRIC...]\n" +
  "  --db URL  compare on a PostgreSQL database (postgres://user:password@host:port/database; default $SALIC_ML_DB\n" +
  "            unless --data is given); a database run records nothing";

const OPTIONS = {
  data: { type: "string" },
  db: { type: "string" },
  check: { type: "boolean" },
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

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  if (args.check || args.releaseCheck) return check(args.releaseCheck);

  // Notebooks import the compiled toolkit (dist/): build it from the sources being promoted.
  console.log("promote: building the project");
  const build = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  if (build.status !== 0) {
    console.error("promote: the build failed; fix the type errors above first");
    return 1;
  }
  const started = Date.now();
  try {
    const verdicts = await promote({
      root,
      ...(args.db !== undefined ? { db: args.db } : { dataDir: args.data }),
      metrics: args.metrics.length > 0 ? args.metrics : undefined,
      concurrency: args.concurrency,
      cellTimeoutSeconds: args.cellTimeoutSeconds,
      log: (line) => console.log(line),
    });
    console.log(`\n${formatSummary(verdicts, { recorded: args.db === undefined })}\n`);
    const refused = verdicts.filter((v) => !v.ok).length;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (args.db !== undefined) {
      console.log(`promote: ${verdicts.length - refused} agree, ${refused} refused in ${seconds} s on ${maskDatabaseUrl(args.db)}`);
      console.log("promote: database run: compared, nothing recorded (records and the catalog come from `npm run promote` on data-samples)");
    } else {
      console.log(`promote: ${verdicts.length - refused} promoted, ${refused} refused in ${seconds} s; catalog: ${repoRelative(root, catalogPath(root))}`);
    }
    return refused === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof GateError)) throw error;
    console.error(`promote: ${error.message}`);
    return 1;
  }
}

function check(release: boolean): number {
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

process.exitCode = await main();
