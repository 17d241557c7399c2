import type { SalicTables, TableName } from "../data/schema.js";
import { catalogEntry, type CatalogEntry, type MetricId } from "./catalog.js";

export type { MetricId } from "./catalog.js";

/**
 * One project's result for one metric (spec §3): the five common fields plus
 * the metric's own detail fields. Money is rounded to 2 decimals; a value that
 * is undefined is null.
 */
export interface MetricResult {
  /** The project's value for the metric (0 when not available). */
  valor: number;
  /** Whether the value is suspicious (spec §3, §4); false when not available. */
  is_outlier: boolean;
  /** False when the project has no input rows for the metric (spec §3 "Not available"). */
  valor_valido: boolean;
  /** The lowest value not suspicious, or null where the metric gives none. */
  minimo_esperado: number | null;
  /** The highest value not suspicious, or null where the metric gives none (or the std is undefined). */
  maximo_esperado: number | null;
  [detail: string]: unknown;
}

/**
 * A metric's results keyed by PRONAC, for the projects it computed: every
 * PRONAC of its table(s), reported or not (projects outside planilha_projetos
 * count in segment statistics, spec §3).
 */
export type MetricResults = ReadonlyMap<string, MetricResult>;

/** What a project absent from `compute`'s results gets. */
export type Absence =
  /** `valor_valido: false`, `valor: 0`, expected values and details null. */
  | "not_available"
  /**
   * Available with `valor: 0`, not an outlier, expected minimum and maximum 0
   * and every detail an empty list (metrics "available for every project",
   * whose details list what was found).
   */
  | "zero";

/** How a metric is computed: what the catalog does not say about it. */
export interface MetricImplementation {
  /** Tables the metric reads; if one is missing the metric is not available for anyone. */
  readonly tables: readonly TableName[];
  /** Names of the detail fields, reported null when the metric is not available. */
  readonly details: readonly string[];
  /** What a project without a computed result gets (when the tables are present). */
  readonly absence: Absence;
  /**
   * Computes the metric for all projects at once. `earlier` holds the results
   * of the metrics listed before this one in the registry (the proponent
   * metric reads the others' outliers).
   */
  compute(tables: SalicTables, earlier: ReadonlyMap<MetricId, MetricResults>): MetricResults;
}

/** A metric as the registry lists it: its catalog entry (id, weight, tail, …) and how to compute it. */
export interface MetricDefinition extends CatalogEntry, MetricImplementation {
  readonly id: MetricId;
}

/** The definition of metric `id`: its catalog entry with `implementation`. */
export function defineMetric<I extends MetricId>(id: I, implementation: MetricImplementation): MetricDefinition & { readonly id: I } {
  return Object.freeze({ ...catalogEntry(id), ...implementation });
}
