/** The sample generator's modules (see scripts/generate-samples.ts for the command). */
export { DEFAULTS, NATIONAL_PROJECTS, parseArgs, type SampleOptions, USAGE, UsageError } from "./args.js";
export { csvField, csvRow, dayOf, formatCents, formatDateTime, formatDay, formatMills } from "./csv.js";
export { buildWorld, checkPlants, groundTruth } from "./generate.js";
export { plantVeryComplex } from "./plant-complex.js";
export { METRIC_IDS, type MetricId, type World } from "./model.js";
export { createRng, cumulative, mixSeed, mulberry32, type Rng } from "./prng.js";
export { profileFor, type Profile } from "./profile.js";
export { complexidade, flaggedBy, SCORE_WEIGHTS } from "./rules.js";
export { runSamples, type RunResult } from "./samples.js";
export { TABLES, type TableWriter } from "./tables.js";
export { ChunkedFile, type WrittenFile, writeText } from "./write.js";
