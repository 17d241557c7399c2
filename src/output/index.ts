export { writeScore, type WriteScoreOptions } from "./write-score.js";
export { projectToJson } from "./project-json.js";
export { csvField, scoreCsvHeader, projectToCsvRow } from "./csv.js";
export { SCORE_FORMATS, type ScoreFormat, type ScoreSource } from "./source.js";
