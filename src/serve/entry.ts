import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PackedText, type TextColumn } from "./packed-text.js";
import type { TrigramIndex } from "./trigrams.js";
import type { CatalogEntry } from "../metrics/catalog.js";

/**
 * Layout of one cache entry, a folder named by its cache key:
 * - `meta.json` — {@link EntryMeta}; written last, so a folder without it is incomplete;
 * - `list.bin`, `<column>.txt` / `<column>.idx` — {@link ListColumns}, projects in PRONAC
 *   order: the number columns as Float64 (NaN for null), each text column packed
 *   (UTF-8 joined by NUL, Uint32 start offsets; see PackedText);
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
  detailsCrc: "details.crc",
  trigramKeys: "trigrams.json",
  trigramLists: "trigrams.bin",
} as const;

/** A metric of the run as the entry keeps it: its catalog facts that the API reports. */
export type EntryMetric = Pick<CatalogEntry, "weight" | "tail" | "description"> & { id: string };

/** `meta.json` of a cache entry. */
export interface EntryMeta {
  format: number;
  key: string;
  data_dir: string;
  /** sha256 of each table file the entry was computed from; for a database, each table's state (its fingerprint). */
  files: Record<string, string>;
  /** Set for a database source: its URL (password masked) and the digest of its fingerprint. */
  source?: { kind: "database"; label: string; fingerprint: string };
  projects: number;
  /** The metrics of the run, in registry order. */
  metrics: EntryMetric[];
  /** Metrics that could not be computed (a table is missing) and why. */
  unavailable: Record<string, string>;
  /** How long computing the entry took, in all and by step (loading the tables, scoring, writing the entry). */
  build_ms: number;
  steps_ms: { load: number; score: number; entry: number };
}

/** The list's fields for every project as built, already masked; `busca` is the folded name for search. */
export interface ListColumns {
  pronac: string[];
  nome: string[];
  /** "" when the project has no tax id (the loaders read an empty field as null, so "" is never a value). */
  proponente: string[];
  complexidade: Float64Array;
  /** NaN when unknown (the metric is not in the run or its table is missing). */
  verified_funds: Float64Array;
  raised_funds: Float64Array;
  busca: string[];
}

/** The list's fields as a store reads them: texts stay packed, decoded per value. */
export type StoredColumns = { [K in keyof ListColumns]: ListColumns[K] extends string[] ? TextColumn : ListColumns[K] };

const TEXT_COLUMNS = ["pronac", "nome", "proponente", "busca"] as const;
const NUMBER_COLUMNS = ["complexidade", "verified_funds", "raised_funds"] as const;

/** Writes the list columns: numbers as Float64, each text column packed (see PackedText) with its offsets. */
export function writeListColumns(dir: string, columns: ListColumns): void {
  for (const name of TEXT_COLUMNS) {
    const { bytes, starts } = PackedText.pack(columns[name]);
    writeFileSync(join(dir, `${name}.txt`), bytes);
    writeFileSync(join(dir, `${name}.idx`), Buffer.from(starts.buffer));
  }
  writeFileSync(join(dir, ENTRY_FILES.list), Buffer.concat(NUMBER_COLUMNS.map((name) => Buffer.from(columns[name].buffer))));
}

/**
 * Reads the list columns back without decoding any text (a restart reads
 * ~20 MB of bytes instead of parsing 840k strings).
 *
 * @throws Error when the files disagree on the number of projects.
 */
export function readListColumns(dir: string): StoredColumns {
  const numbers = float64s(readFileSync(join(dir, ENTRY_FILES.list)));
  const n = numbers.length / 3;
  const [pronac, nome, proponente, busca] = TEXT_COLUMNS.map((name): TextColumn => {
    const bytes = readFileSync(join(dir, `${name}.txt`));
    const starts = uint32s(readFileSync(join(dir, `${name}.idx`)));
    if (starts.length !== n + 1 || starts[n] !== bytes.length + 1) {
      throw new Error(`cache entry ${dir} is damaged (${name}.txt does not hold ${n} texts)`);
    }
    return new PackedText(bytes, starts);
  }) as [TextColumn, TextColumn, TextColumn, TextColumn];
  return {
    pronac,
    nome,
    proponente,
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
