import type { ScoreRun } from "../score/index.js";

/**
 * What the score writers read from a run: the PRONACs in output order, the
 * per-project builder and the metrics in registry order (which fixes the
 * order of the `metricas` keys and of the CSV columns). A full `ScoreRun`
 * is one; tests pass small hand-made objects.
 */
export type ScoreSource = Pick<ScoreRun, "pronacs" | "project" | "metrics">;

/** Output formats of `salic-ml score`. */
export type ScoreFormat = "json" | "csv";

/** Every output format, in the order the CLI lists them. */
export const SCORE_FORMATS: readonly ScoreFormat[] = ["json", "csv"];
