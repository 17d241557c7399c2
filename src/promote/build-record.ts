import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { notebookSourceHash } from "../jupyter/canonical.js";
import { readNotebook } from "../jupyter/types.js";
import type { Comparison, Tolerance } from "./compare.js";
import type { PromotionRecord } from "./record.js";
import { hashSource, localDependencies } from "./sources.js";

/** What `buildRecord` needs from a passing comparison. */
export interface RecordInput {
  root: string;
  metric: string;
  notebook: string;
  modulePath: string;
  dataDir: string;
  files: Readonly<Record<string, string>>;
  tolerance: Tolerance;
  comparison: Comparison;
  today?: string;
}

/** The promotion record of a metric whose notebook and module agreed. */
export function buildRecord(input: RecordInput): PromotionRecord {
  return {
    metric: input.metric,
    verdict: "pass",
    notebook: notebookHash(input.root, input.notebook),
    module: { ...hashSource(input.root, input.modulePath), deps: localDependencies(input.root, input.modulePath) },
    data: { dir: relative(input.root, input.dataDir).split("\\").join("/") || ".", files: { ...input.files } },
    tolerance: input.tolerance,
    compared: input.comparison.compared,
    max_abs_diff: input.comparison.maxAbsDiff,
    max_rel_diff: input.comparison.maxRelDiff,
    versions: toolVersions(input.root),
    date: input.today ?? new Date().toISOString().slice(0, 10),
  };
}

/** A notebook's path and the sha256 of its canonical source (cells' code and markdown, not outputs). */
export function notebookHash(root: string, path: string): { path: string; sha256: string } {
  return { path, sha256: notebookSourceHash(readNotebook(resolve(root, path))) };
}

/** Versions of what produced a record: Node, tslab, nodejs-polars and the project. */
export function toolVersions(root: string): Record<string, string> {
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(join(root, pkg, "package.json"), "utf8")) as { version: string }).version;
  return {
    node: process.version,
    "nodejs-polars": version("node_modules/nodejs-polars"),
    "salic-ml": version("."),
    tslab: version("node_modules/tslab"),
  };
}
