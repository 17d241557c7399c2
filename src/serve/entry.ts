import type { TrigramIndex } from "./trigrams.js";

/**
 * Layout of one cache entry, a folder named by its cache key:
 * - `meta.json` — {@link EntryMeta}; written last, so a folder without it is incomplete;
 * - `list.json` — {@link ListColumns}, one array per field, projects in PRONAC order;
 * - `orders.bin` — one Uint32 permutation per `ORDER_KEYS` entry, back to back;
 * - `details.bin` — each project's details body (UTF-8 JSON, masked), back to back;
 * - `details.idx` — Float64 byte offsets into details.bin, one per project plus the end;
 * - `trigrams.json` / `trigrams.bin` — the name search index ({@link TrigramIndex}): its
 *   sorted keys, then its Uint32 `starts` followed by its `postings`.
 * Binary files are little-endian (the byte order of every platform Node runs on).
 */
export const ENTRY_FILES = {
  meta: "meta.json",
  list: "list.json",
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
  responsavel: (string | null)[];
  complexidade: number[];
  verified_funds: (number | null)[];
  raised_funds: (number | null)[];
  busca: string[];
}
