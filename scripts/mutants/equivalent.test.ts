import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { EQUIVALENT, KNOWN_SURVIVORS } from "./equivalent.js";
import { planMutants } from "./plan.js";

// Mutant ids are source positions: an edit above a listed mutant moves it, and the
// explanation would then sit on another mutant, or on none.
describe("the explanations of surviving mutants (equivalent or known)", () => {
  const planned = new Map(planMutants(resolve(import.meta.dirname, "..", "..")).map((m) => [m.id, m]));
  it("each name a mutant of today's sources, judged on the metric named after @", () => {
    const stale = [...Object.keys(EQUIVALENT), ...Object.keys(KNOWN_SURVIVORS)].filter((key) => {
      const [id, metric] = key.split("@") as [string, string | undefined];
      const mutant = planned.get(id);
      return mutant === undefined || (metric !== undefined && !mutant.metrics.includes(metric as never));
    });
    expect(stale).toEqual([]);
  });
});
