import { writeFileAtomic } from "../util/atomic.js";
import type { FeedbackEntry } from "../serve/api-types.js";

/** The export's columns, in order (issue #14). */
export const EXPORT_COLUMNS = ["pronac", "metrica", "avaliacao", "nota", "comentario", "analista", "quando"] as const;

/** Formats of `feedback export`. */
export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

const row = (entry: FeedbackEntry): ExportRow => Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, entry[column]])) as ExportRow;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; null is an empty field; CRLF line ends. */
function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The export's text: entries as given (the store orders them by quando, then id), comments already masked. */
export function formatExport(entries: readonly FeedbackEntry[], format: ExportFormat): string {
  if (format === "json") return `${JSON.stringify(entries.map(row), null, 2)}\n`;
  const lines = [EXPORT_COLUMNS.join(","), ...entries.map((entry) => EXPORT_COLUMNS.map((column) => csvField(entry[column])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

/** Writes the export atomically (the previous file stays until the new one is whole). */
export function writeExport(path: string, entries: readonly FeedbackEntry[], format: ExportFormat): void {
  // Analysts' names and comments: readable by the owner only, as `score --out` files.
  writeFileAtomic(path, formatExport(entries, format), { mode: 0o600 });
}
