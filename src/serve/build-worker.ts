/**
 * The build worker: runs one BuildJob off the service's main thread (load,
 * score, write the entry, then store the run) and reports each step to its
 * parent (see worker.ts). Started by worker.ts only.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import { metricById } from "../metrics/registry.js";
import type { MetricDefinition } from "../metrics/types.js";
import { runBuild, storeJobRun, type BuildJob } from "./build.js";
import type { WorkerMessage } from "./worker.js";

const job = workerData as BuildJob;
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

try {
  const metrics = job.metricIds.map((id): MetricDefinition => {
    const metric = metricById(id);
    if (metric === undefined) throw new Error(`metric ${id} is not in the registry`);
    return metric;
  });
  const { meta, run } = await runBuild(job, metrics);
  post({ type: "built", meta });
  if (job.store !== undefined) {
    try {
      post({ type: "stored", id: await storeJobRun(job, run), projects: run.pronacs.length });
    } catch (error) {
      post({ type: "store-failed", message: messageOf(error) });
    }
  }
} catch (error) {
  post({ type: "failed", message: messageOf(error), name: error instanceof Error ? error.name : "Error" });
}
