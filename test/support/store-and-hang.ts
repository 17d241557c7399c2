/**
 * For the results-store test: starts storing a run of the database given as
 * argument, then hangs in the middle of the transaction (after the execucao
 * row and part of the projects) so that the test can kill it with SIGKILL.
 */
import { withClient } from "../../src/db/connect.js";
import { loadDatabase } from "../../src/db/read.js";
import { storeRun } from "../../src/db/store.js";
import { REGISTRY } from "../../src/metrics/registry.js";
import { scoreAll } from "../../src/score/score-all.js";
import type { ScoreRun } from "../../src/score/score-all.js";

const url = process.argv[2]!;
const run = scoreAll((await loadDatabase(url)).tables, REGISTRY);
let calls = 0;
const hanging: ScoreRun = {
  ...run,
  project(pronac) {
    if (++calls === 200) {
      process.stdout.write("hanging\n");
      for (;;) {
        // Busy on purpose: the transaction stays open until the process is killed.
      }
    }
    return run.project(pronac);
  },
};
await withClient(url, (client) =>
  storeRun(client, hanging, { startedAt: new Date(), codeVersion: "test", promotionRecords: {}, source: "test", sourceFingerprint: {} }),
);
