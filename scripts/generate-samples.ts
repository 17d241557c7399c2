/**
 * `npm run samples -- [--seed N] [--projects N | --scale national] [--out DIR]`
 * Writes the five Salic tables as CSV, the ground truth of planted anomalies,
 * a README and a sha256 manifest (see scripts/samples/).
 */
import { writeFeedbackSample } from "./samples/feedback.js";
import { buildWorld, parseArgs, runSamples, USAGE, UsageError } from "./samples/index.js";

function main(argv: readonly string[]): number {
  let options;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`samples: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  const start = performance.now();
  const result = runSamples(options);
  // The synthetic feedback export of notebook 12 ships with the committed sample only (same seed, same world).
  const files = options.scale === "sample" ? [...result.files, writeFeedbackSample(options.out, buildWorld(options))] : result.files;
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  process.stdout.write(`samples: seed ${options.seed}, ${options.projects} projects → ${result.out}/ in ${seconds} s\n`);
  for (const f of files) {
    const rows = result.rows[f.name];
    const size = f.bytes >= 1 << 20 ? `${(f.bytes / (1 << 20)).toFixed(1)} MiB` : `${(f.bytes / 1024).toFixed(1)} KiB`;
    process.stdout.write(`  ${f.name.padEnd(36)} ${size.padStart(10)}${rows === undefined ? "" : `  ${rows} rows`}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
