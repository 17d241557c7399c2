import type { MetricDefinition, MetricId } from "../../src/metrics/types.js";

/**
 * A metric definition for tests that build runs by hand (the writers and the
 * service never call `compute`): weight 1, right tail, no tables, no details,
 * not available where absent, no results — each overridable.
 */
export function testMetric(id: MetricId, overrides: Partial<Omit<MetricDefinition, "id">> = {}): MetricDefinition {
  return {
    id,
    weight: 1,
    tail: "right",
    title: id,
    unit: "count",
    description: "",
    module: "",
    tables: [],
    details: [],
    absence: "not_available",
    compute: () => new Map(),
    ...overrides,
  };
}
