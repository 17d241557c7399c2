import type { ProjectScore } from "../score/index.js";
import type { MetricDefinition } from "../metrics/types.js";

const needsQuotes = /[",\r\n]/;

/**
 * One CSV field per RFC 4180: quoted (inner quotes doubled) when it holds a
 * comma, quote, CR or LF. null, undefined and non-finite numbers are empty.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && !Number.isFinite(value)) return "";
  const text = String(value);
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The score CSV header: `pronac,complexidade,admissibilidade,<metric>_valor,<metric>_is_outlier,...`. */
export function scoreCsvHeader(metrics: readonly MetricDefinition[]): string {
  const columns = ["pronac", "complexidade", "admissibilidade"];
  for (const { id } of metrics) columns.push(`${id}_valor`, `${id}_is_outlier`);
  return columns.map(csvField).join(",");
}

/**
 * One project's CSV row (no line ending), columns as in {@link scoreCsvHeader}.
 *
 * @throws Error when the project has no result for one of `metrics`.
 */
export function projectToCsvRow(project: ProjectScore, metrics: readonly MetricDefinition[]): string {
  const fields = [csvField(project.pronac), csvField(project.complexidade), csvField(project.admissibilidade)];
  for (const { id } of metrics) {
    const result = project.metricas[id];
    if (result === undefined) throw new Error(`project ${project.pronac} has no result for metric ${id}`);
    fields.push(csvField(result.valor), csvField(result.is_outlier));
  }
  return fields.join(",");
}
