import { readPromotionRecord } from "../promote/record-file.js";
import { packageRoot } from "../util/paths.js";
import { METRIC_IDS, type MetricId } from "./catalog.js";

/**
 * The ids of the metrics with a passing promotion record under `root`, in
 * catalog order. Apart from promoted.ts so that what only needs the ids (a
 * service starting from its cache) loads no metric code and no polars.
 *
 * @throws PromotionRecordError naming the record when one is not valid JSON or not a record's shape.
 */
export function promotedMetricIds(root: string = packageRoot()): readonly MetricId[] {
  return METRIC_IDS.filter((id) => readPromotionRecord(root, id) !== undefined);
}
