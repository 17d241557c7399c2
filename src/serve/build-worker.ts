/**
 * The build worker: a child process that runs one BuildJob off the
 * service's process (load, score, write the entry, then store the run),
 * reports each step to its parent over IPC (see worker.ts) and exits, which
 * returns its memory. Started by worker.ts only.
 *
 * @module
 */
import { metricById } from "../metrics/registry.js";
import type { MetricDefinition } from "../metrics/types.js";
import { runBuild, storeJobRun, type BuildJob } from "./build.js";
import type { WorkerMessage } from "./worker.js";

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const send = (message: WorkerMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

// A service that dies (even by SIGKILL) closes the channel: its build has no one left to serve.
process.once("disconnect", () => process.exit(1));

async function run(job: BuildJob): Promise<void> {
  try {
    const metrics = job.metricIds.map((id): MetricDefinition => {
      const metric = metricById(id);
      if (metric === undefined) throw new Error(`metric ${id} is not in the registry`);
      return metric;
    });
    const { meta, run } = await runBuild(job, metrics);
    await send({ type: "built", meta });
    if (job.store !== undefined) {
      try {
        await send({ type: "stored", id: await storeJobRun(job, run), projects: run.pronacs.length });
      } catch (error) {
        await send({ type: "store-failed", message: messageOf(error) });
      }
    }
  } catch (error) {
    await send({ type: "failed", message: messageOf(error), name: error instanceof Error ? error.name : "Error" });
  }
}

process.once("message", (job: BuildJob) => {
  void run(job).finally(() => {
    process.removeAllListeners("disconnect");
    process.disconnect();
    // Nothing of the job may keep this process (and its memory) alive once it reported.
    process.exit(0);
  });
});
