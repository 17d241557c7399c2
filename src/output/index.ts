export { SCORE_FILE_MODE, writeScore, writeScoreFile, type WriteScoreOptions } from "./write-score.js";
export { projectToJson, type ProjectJsonOptions } from "./project-json.js";
export { csvField, scoreCsvHeader, projectToCsvRow } from "./csv.js";
export { SCORE_FORMATS, type ScoreFormat, type ScoreSource } from "./source.js";
