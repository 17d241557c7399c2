/**
 * `npm run promote [-- --data DIR] [--check | --release-check] [METRIC...]`:
 * the promotion gate (see src/promote). Exit 0 when every selected metric is
 * promoted (or, with --check, every record is fresh); 1 otherwise; 2 on bad
 * arguments.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { REGISTRY } from "../src/metrics/registry.js";
import { checkRecords } from "../src/promote/check.js";
import { GateError, promote } from "../src/promote/gate.js";
import { formatStaleness, formatSummary } from "../src/promote/report.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = "usage: npm run promote [-- --data DIR] [--check | --release-check] [--concurrency N] [--cell-timeout S] [METRIC...]";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        data: { type: "string", default: "data-samples" },
        check: { type: "boolean", default: false },
        "release-check": { type: "boolean", default: false },
        concurrency: { type: "string", default: "2" },
        "cell-timeout": { type: "string", default: "300" },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.check || values["release-check"]) return check(values["release-check"]);

  const concurrency = Number(values.concurrency);
  const cellTimeoutSeconds = Number(values["cell-timeout"]);
  if (!Number.isInteger(concurrency) || concurrency < 1) return usage(`--concurrency must be a positive integer, got "${values.concurrency}"`);
  if (!(cellTimeoutSeconds > 0)) return usage(`--cell-timeout must be a positive number of seconds, got "${values["cell-timeout"]}"`);

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
      dataDir: values.data,
      metrics: positionals.length > 0 ? positionals : undefined,
      concurrency,
      cellTimeoutSeconds,
      log: (line) => console.log(line),
    });
    console.log(`\n${formatSummary(verdicts)}\n`);
    const refused = verdicts.filter((v) => !v.ok).length;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`promote: ${verdicts.length - refused} promoted, ${refused} refused in ${seconds} s; catalog: promoted/README.md`);
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
