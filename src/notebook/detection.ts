import type { CatalogEntry, MetricId } from "../metrics/catalog.js";
import type { ProjectScore } from "../score/index.js";
import { byCodeUnit } from "../util/order.js";

/** How well one metric finds the planted anomalies of a synthetic sample. */
export type Detection = {
  metrica: string;
  peso: number;
  /** Projects with `valor_valido` true. */
  available: number;
  planted: number;
  /** Projects with `is_outlier` true. */
  flagged: number;
  TP: number;
  FP: number;
  FN: number;
  /** TP / flagged, null when nothing is flagged. */
  precision: number | null;
  /** TP / planted, null when nothing is planted. */
  recall: number | null;
  /** 100 · flagged / available, null when nothing is available. */
  "flagged %": number | null;
  /** Planted PRONACs the metric does not flag, sorted, comma-separated. */
  missed: string;
};

/**
 * Per metric (in the order of `metrics`): the flagged projects against the
 * planted ones of a ground truth (`{"<metric id>": [PRONAC…]}`, as the
 * sample's ground-truth.json holds). Notebooks 11 and 12 read detection
 * quality from here, so both report the same figures.
 */
export function detectionByMetric(
  projects: readonly ProjectScore[],
  metrics: readonly (Pick<CatalogEntry, "weight"> & { readonly id: MetricId })[],
  anomalies: Readonly<Record<string, readonly string[]>>,
): Detection[] {
  return metrics.map((metric) => {
    const planted = new Set(anomalies[metric.id] ?? []);
    const flagged = new Set(projects.filter((p) => p.metricas[metric.id].is_outlier).map((p) => p.pronac));
    const available = projects.filter((p) => p.metricas[metric.id].valor_valido).length;
    const tp = [...flagged].filter((p) => planted.has(p)).length;
    return {
      metrica: metric.id,
      peso: metric.weight,
      available,
      planted: planted.size,
      flagged: flagged.size,
      TP: tp,
      FP: flagged.size - tp,
      FN: planted.size - tp,
      precision: flagged.size === 0 ? null : tp / flagged.size,
      recall: planted.size === 0 ? null : tp / planted.size,
      "flagged %": available === 0 ? null : (100 * flagged.size) / available,
      missed: [...planted].filter((p) => !flagged.has(p)).sort(byCodeUnit).join(", "),
    };
  });
}
