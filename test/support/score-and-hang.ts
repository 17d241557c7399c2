/**
 * For the kill test of `salic-ml score --out`: scores DATA with the promoted
 * metrics and writes it to OUT as the CLI does (writeScoreFile), its
 * projects three times over, but stops before the last one, printing
 * "hanging" so that the test can kill it with SIGKILL. Three times: the
 * writer serialises the next ~1 MB chunk before it hands the previous one to
 * the file, so only from the third chunk on is the first one on its way to
 * disk when the writer stops.
 *
 * Usage: score-and-hang.ts DATA OUT
 */
import { loadDataDir } from "../../src/data/index.js";
import { PROMOTED_METRICS } from "../../src/metrics/promoted.js";
import { writeScoreFile } from "../../src/output/index.js";
import { scoreAll, type ScoreRun } from "../../src/score/index.js";

const [data, out] = process.argv.slice(2);
if (out === undefined) throw new Error("usage: score-and-hang.ts DATA OUT");
const run = scoreAll(loadDataDir(data!, { hash: false }).tables, PROMOTED_METRICS);
const pronacs = [...run.pronacs, ...run.pronacs, ...run.pronacs];
let calls = 0;
const hanging: ScoreRun = {
  ...run,
  project(pronac) {
    if (++calls === pronacs.length) {
      process.stdout.write("hanging\n");
      // Blocks without spinning (the test machine's cores are shared) until killed.
      for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
    return run.project(pronac);
  },
};
await writeScoreFile(out, hanging, { pronacs });
