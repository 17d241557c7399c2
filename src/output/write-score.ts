import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { writeStreamAtomic } from "../util/atomic.js";
import { scoreCsvHeader, projectToCsvRow } from "./csv.js";
import { projectToJson } from "./project-json.js";
import { utf8Chunks } from "./utf8-chunks.js";
import type { ScoreFormat, ScoreSource } from "./source.js";

/** Options of {@link writeScore}. */
export interface WriteScoreOptions {
  /** `json` (default) or `csv`. */
  format?: ScoreFormat;
  /** Write only these projects, in this order (default: every project of the run). */
  pronacs?: readonly string[];
  /** End `out` when done (default true; pass false for process.stdout). */
  end?: boolean;
  /**
   * Mask the tax ids (CPF/CNPJ) in the metrics' details (JSON only: the CSV
   * holds no details and is the same either way); see `projectToJson`.
   */
  maskTaxIds?: boolean;
}

/**
 * Permissions of a score file: its details carry the tax ids and names of
 * providers, personal data (LGPD) that only the owner should read, masked or
 * not (a masked file still names people). Set on the temporary file, so the
 * content is never more widely readable, not even while it is written.
 */
export const SCORE_FILE_MODE = 0o600;

/**
 * Writes a run's scores to the file `path` atomically (see
 * `writeStreamAtomic`: the previous file stays until the new one is whole and
 * on disk) with mode {@link SCORE_FILE_MODE}: what `salic-ml score --out` does.
 */
export async function writeScoreFile(path: string, run: ScoreSource, options: Omit<WriteScoreOptions, "end"> = {}): Promise<void> {
  await writeStreamAtomic(path, (stream) => writeScore(run, stream, options), { mode: SCORE_FILE_MODE });
}

/**
 * Streams a run's scores to `out` one project at a time, honouring
 * backpressure, so the national-scale output (hundreds of MB, beyond V8's
 * largest string) never sits in memory whole.
 *
 * JSON is `{"projects":[...]}` with one project per line (see
 * `projectToJson`); CSV is a header and one row per project (see
 * `projectToCsvRow`), lines ending in LF. Resolves when everything has
 * been handed to `out` (and, with `end`, when `out` has finished); rejects on
 * a stream error or when a PRONAC of `pronacs` is not a project of the run.
 */
export async function writeScore(run: ScoreSource, out: Writable, options: WriteScoreOptions = {}): Promise<void> {
  const chunks = utf8Chunks(scoreTexts(run, options.format ?? "json", options.pronacs ?? run.pronacs, options.maskTaxIds === true));
  // highWaterMark 1: at most one chunk waits ahead of `out`'s own buffer.
  await pipeline(Readable.from(chunks, { highWaterMark: 1 }), out, { end: options.end ?? true });
}

// One text per project, packed into ~1 MB buffers by utf8Chunks: one stream
// write per project would cost more in bookkeeping than the serialising.
function* scoreTexts(run: ScoreSource, format: ScoreFormat, pronacs: readonly string[], maskTaxIds: boolean): Generator<string> {
  const json = format === "json";
  const jsonOptions = { maskTaxIds };
  yield json ? '{"projects":[' : scoreCsvHeader(run.metrics) + "\n";
  for (let i = 0; i < pronacs.length; i++) {
    const pronac = pronacs[i]!;
    const project = run.project(pronac);
    if (project === undefined) throw new Error(`PRONAC ${JSON.stringify(pronac)} is not a project of this run`);
    yield json ? (i === 0 ? "\n" : ",\n") + projectToJson(project, run.metrics, jsonOptions) : projectToCsvRow(project, run.metrics) + "\n";
  }
  if (json) yield pronacs.length > 0 ? "\n]}\n" : "]}\n";
}
