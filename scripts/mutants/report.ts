/** promoted/mutants.json: per metric, mutants killed, total and the survivors with why they survive. */
import { METRIC_IDS, type MetricId } from "../../src/metrics/catalog.js";
import type { MutantsReport, SurvivingMutant as Survivor } from "../../src/promote/catalog.js";
import type { PlannedMutant } from "./plan.js";
import type { MutantOutcome } from "./run.js";
import { EQUIVALENT, KNOWN_SURVIVORS } from "./equivalent.js";

/** Written for a survivor nobody has explained yet: the honest state of things. */
export const UNEXPLAINED = "not explained yet: no planted case kills it, and it has not been shown equivalent (it may need a planted case)";

/**
 * Per metric (catalog order), from the outcomes of the `judged` mutants (same
 * order): `total` mutants in its reach, `killed`, the survivors with their
 * explanation, how many of them are `equivalent` (explained), and how many of
 * the `planned` mutants of its files were `unreached` (in functions it never
 * runs). The score is killed / (total − equivalent).
 */
export function buildReport(planned: readonly PlannedMutant[], judged: readonly PlannedMutant[], outcomes: readonly MutantOutcome[], generated: string): MutantsReport {
  const metrics: MutantsReport["metrics"] = {};
  for (const id of METRIC_IDS) {
    const entry = { killed: 0, total: 0, equivalent: 0, unreached: planned.filter((m) => m.metrics.includes(id)).length, survivors: [] as Survivor[] };
    judged.forEach((m, i) => {
      if (!m.metrics.includes(id)) return;
      entry.total++;
      entry.unreached--;
      if ((outcomes[i] as MutantOutcome).killedFor.includes(id as MetricId)) return void entry.killed++;
      const equivalent = EQUIVALENT[`${m.id}@${id}`] ?? EQUIVALENT[m.id];
      const known = KNOWN_SURVIVORS[m.id];
      if (equivalent !== undefined) entry.equivalent++;
      const explanation = equivalent ?? (known === undefined ? UNEXPLAINED : `survives, not equivalent: ${known}`);
      entry.survivors.push({ id: m.id, file: m.file, line: m.line, mutation: m.mutation, explanation });
    });
    metrics[id] = entry;
  }
  return { generated, metrics };
}
