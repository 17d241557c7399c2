import pl from "nodejs-polars";
import type { SalicTables, TableName } from "../../data/schema.js";
import type { MetricDefinition, MetricId, MetricResult } from "../types.js";

/**
 * The result of a project whose input rows do not exist (spec §3):
 * `valor_valido` false, `valor` 0, not an outlier, expected values and every
 * detail field null.
 */
export function notAvailable(details: readonly string[]): MetricResult {
  const result: MetricResult = {
    valor: 0,
    is_outlier: false,
    valor_valido: false,
    minimo_esperado: null,
    maximo_esperado: null,
  };
  for (const field of details) result[field] = null;
  return result;
}

/**
 * The result of a project without rows for a metric "available for every
 * project" (absence `"zero"`): valid, `valor` 0, not an outlier, expected
 * minimum and maximum 0 (spec §4.7, §4.8) and every detail an empty list
 * (those metrics' details are lists of what was found).
 */
export function zeroResult(details: readonly string[]): MetricResult {
  const result: MetricResult = {
    valor: 0,
    is_outlier: false,
    valor_valido: true,
    minimo_esperado: 0,
    maximo_esperado: 0,
  };
  for (const field of details) result[field] = [];
  return result;
}

/** What a project absent from `metric.compute`'s results gets, per `metric.absence`. */
export function absentResult(metric: MetricDefinition): MetricResult {
  return metric.absence === "zero" ? zeroResult(metric.details) : notAvailable(metric.details);
}

/** A table a metric reads, or a clear error when the caller did not load it. */
export function requireTable(tables: SalicTables, table: TableName, metric: MetricId): pl.DataFrame {
  const frame = tables[table];
  if (frame === undefined) throw new Error(`${metric}: table ${table} is not loaded`);
  return frame;
}
