/** promoted/mutants.json: per metric, mutants killed, total and the survivors with why they survive. */
import { METRIC_IDS, type MetricId } from "../../src/metrics/catalog.js";
import type { MutantsReport, SurvivingMutant as Survivor } from "../../src/promote/catalog.js";
import type { PlannedMutant } from "./plan.js";
import type { MutantOutcome } from "./run.js";
import { EQUIVALENT } from "./equivalent.js";

/** Written for a survivor nobody has explained yet: the honest state of things. */
export const UNEXPLAINED = "not explained yet: no planted case kills it, and it has not been shown equivalent (it may need a planted case)";

/** Per metric (catalog order): killed/total and survivors, from the outcomes of `mutants` (same order). */
export function buildReport(mutants: readonly PlannedMutant[], outcomes: readonly MutantOutcome[], generated: string): MutantsReport {
  const metrics: MutantsReport["metrics"] = {};
  for (const id of METRIC_IDS) {
    const entry = { killed: 0, total: 0, survivors: [] as Survivor[] };
    mutants.forEach((m, i) => {
      if (!m.metrics.includes(id)) return;
      entry.total++;
      if ((outcomes[i] as MutantOutcome).killedFor.includes(id as MetricId)) entry.killed++;
      else entry.survivors.push({ id: m.id, file: m.file, line: m.line, mutation: m.mutation, explanation: EQUIVALENT[`${m.id}@${id}`] ?? EQUIVALENT[m.id] ?? UNEXPLAINED });
    });
    metrics[id] = entry;
  }
  return { generated, metrics };
}
