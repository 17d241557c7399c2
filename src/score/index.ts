/**
 * The scores of spec §5 over the metric registry: financial complexity
 * (`complexidade`, 0–10) and admissibility (0 or 10).
 *
 * @module
 */
export { scoreAll, type ProjectScore, type ScoreRun } from "./score-all.js";
export { complexityBand, type ComplexityBand } from "./complexity-band.js";
