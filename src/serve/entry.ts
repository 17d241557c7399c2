import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TrigramIndex } from "./trigrams.js";

/**
 * Layout of one cache entry, a folder named by its cache key:
 * - `meta.json` — {@link EntryMeta}; written last, so a folder without it is incomplete;
 * - `list.bin` / `*.txt` — {@link ListColumns}, projects in PRONAC order: the number
 *   columns as Float64 (NaN for null), each text column as UTF-8 joined by NUL;
 * - `orders.bin` — one Uint32 permutation per `ORDER_KEYS` entry, back to back;
 * - `details.bin` — each project's details body (UTF-8 JSON, masked), back to back;
 * - `details.idx` — Float64 byte offsets into details.bin, one per project plus the end;
 * - `trigrams.json` / `trigrams.bin` — the name search index ({@link TrigramIndex}): its
 *   sorted keys, then its Uint32 `starts` followed by its `postings`.
 * Binary files are little-endian (the byte order of every platform Node runs on).
 */
export const ENTRY_FILES = {
  meta: "meta.json",
  list: "list.bin",
  orders: "orders.bin",
  details: "details.bin",
  detailsIndex: "details.idx",
  trigramKeys: "trigrams.json",
  trigramLists: "trigrams.bin",
} as const;

/** A metric as the page describes it. */
export interface MetricInfo {
  id: string;
  weight: number;
  tail: "right" | "left";
  description: string;
}

/** `meta.json` of a cache entry. */
export interface EntryMeta {
  format: number;
  key: string;
  data_dir: string;
  /** sha256 of each table file the entry was computed from. */
  files: Record<string, string>;
  projects: number;
  /** The metrics of the run, in registry order. */
  metrics: MetricInfo[];
  /** Metrics that could not be computed (a table is missing) and why. */
  unavailable: Record<string, string>;
  /** How long computing the entry took, in all and by step (loading the tables, scoring, writing the entry). */
  build_ms: number;
  steps_ms: { load: number; score: number; entry: number };
}

/** The list's fields for every project, already masked; `busca` is the folded name for search. */
export interface ListColumns {
  pronac: string[];
  nome: string[];
  /** "" when the project has no tax id (the loaders read an empty field as null, so "" is never a value). */
  responsavel: string[];
  complexidade: Float64Array;
  /** NaN when unknown (the metric is not in the run or its table is missing). */
  verified_funds: Float64Array;
  raised_funds: Float64Array;
  busca: string[];
}

const TEXT_COLUMNS = ["pronac", "nome", "responsavel", "busca"] as const;
const NUMBER_COLUMNS = ["complexidade", "verified_funds", "raised_funds"] as const;

/**
 * Writes the list columns. Text is stored joined by NUL so that a restart
 * splits four strings instead of parsing 840k JSON strings (~0.6 s at
 * national scale); a NUL inside a name, never meaningful, becomes a space.
 */
export function writeListColumns(dir: string, columns: ListColumns): void {
  for (const name of TEXT_COLUMNS) {
    writeFileSync(join(dir, `${name}.txt`), columns[name].map((text) => text.replaceAll("\0", " ")).join("\0"));
  }
  writeFileSync(join(dir, ENTRY_FILES.list), Buffer.concat(NUMBER_COLUMNS.map((name) => Buffer.from(columns[name].buffer))));
}

/**
 * Reads the list columns back.
 *
 * @throws Error when the files disagree on the number of projects.
 */
export function readListColumns(dir: string): ListColumns {
  const numbers = float64s(readFileSync(join(dir, ENTRY_FILES.list)));
  const n = numbers.length / 3;
  // With no project the file is empty; with one, an empty text is one empty value.
  const [pronac, nome, responsavel, busca] = TEXT_COLUMNS.map((name) =>
    n === 0 ? [] : readFileSync(join(dir, `${name}.txt`), "utf8").split("\0"),
  ) as [string[], string[], string[], string[]];
  if (!Number.isInteger(n) || pronac.length !== n || nome.length !== n || responsavel.length !== n || busca.length !== n) {
    throw new Error(`cache entry ${dir} is damaged (its list columns have different lengths)`);
  }
  return {
    pronac,
    nome,
    responsavel,
    busca,
    complexidade: numbers.subarray(0, n),
    verified_funds: numbers.subarray(n, 2 * n),
    raised_funds: numbers.subarray(2 * n, 3 * n),
  };
}

/** The bytes of a binary entry file as Uint32s (little-endian), without a copy when aligned. */
export function uint32s(bytes: Buffer): Uint32Array {
  if (bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
  const out = new Uint32Array(Math.floor(bytes.length / 4));
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.byteLength));
  return out;
}

/** The bytes of a binary entry file as Float64s (little-endian), without a copy when aligned. */
export function float64s(bytes: Buffer): Float64Array {
  if (bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 8));
  const out = new Float64Array(Math.floor(bytes.length / 8));
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.byteLength));
  return out;
}
