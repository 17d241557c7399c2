import { METRIC_CATALOG, type MetricUnit } from "../../src/metrics/catalog.js";
import { formatFraction, formatMoney, formatNumber } from "./format";

/**
 * How the page names and shows each metric, from the metric catalog itself
 * (one source of truth: the page never restates the ids or titles). What a
 * metric checks comes from the service (/v1/metrics/); this only holds
 * presentation: the catalog's short title and a format chosen by its unit.
 */
export interface MetricLabel {
  title: string;
  format: (value: number | null | undefined) => string;
}

/** How each unit of the catalog is written. */
const FORMATS: Record<MetricUnit, MetricLabel["format"]> = {
  count: formatNumber,
  money: formatMoney,
  fraction: formatFraction,
};

const LABELS: ReadonlyMap<string, MetricLabel> = new Map(
  METRIC_CATALOG.map((entry) => [entry.id, { title: entry.title, format: FORMATS[entry.unit] }]),
);

/** Title and value format of a metric; an unknown metric gets its id and plain numbers. */
export function metricLabel(id: string): MetricLabel {
  return LABELS.get(id) ?? { title: id.replace(/_/g, " "), format: formatNumber };
}
