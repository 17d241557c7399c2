import * as aq from "arquero";
import { formatNumber, formatValue, numberStyle } from "./format.js";

/** Rows of a table, already cut to what is shown. */
export interface TableData {
  columns: readonly string[];
  rows: readonly Readonly<Record<string, unknown>>[];
}

/** Cells as text, with whether each column is numeric (right-aligned). */
export interface FormattedTable {
  columns: readonly string[];
  numeric: readonly boolean[];
  cells: readonly (readonly string[])[];
}

/** Formats every cell; a column is numeric when all its non-null values are numbers. */
export function formatTable(data: TableData, digits = 2): FormattedTable {
  const numeric: boolean[] = [];
  const byColumn = data.columns.map((column) => {
    const values = data.rows.map((r) => r[column]);
    const present = values.filter((v) => v !== null && v !== undefined);
    const isNumeric = present.length > 0 && present.every((v) => typeof v === "number");
    numeric.push(isNumeric);
    const style = numberStyle(present);
    return values.map((v) => (typeof v === "number" ? formatNumber(v, style, digits) : formatValue(v)));
  });
  const cells = data.rows.map((_r, i) => byColumn.map((column) => column[i]!));
  return { columns: data.columns, numeric, cells };
}

/**
 * A GitHub-flavoured Markdown table, written by arquero's `toMarkdown` (it
 * lays out the rows, the alignment line and escapes pipes); cell and header
 * text is escaped here for the rest of Markdown's markup, which arquero leaves
 * alone, so no value can break the table or turn into emphasis or a link.
 */
export function markdownTable(t: FormattedTable): string {
  const names = t.columns.map(escapeMarkup);
  const columns: Record<string, string[]> = {};
  names.forEach((name, j) => (columns[name] = t.cells.map((row) => escapeMarkup(row[j]!))));
  const align: Record<string, "l" | "r"> = {};
  names.forEach((name, j) => (align[name] = t.numeric[j] ? "r" : "l"));
  return aq.table(columns, names).toMarkdown({ align }).trimEnd();
}

/** The same table in aligned plain text (for text/plain and terminals). */
export function plainTable(t: FormattedTable): string {
  const flat = (s: string) => s.replace(/\r\n|\r|\n/g, " ");
  const columns = t.columns.map(flat);
  const cells = t.cells.map((r) => r.map(flat));
  const widths = columns.map((c, j) => Math.max(width(c), ...cells.map((r) => width(r[j]!))));
  const pad = (s: string, j: number) => {
    const fill = " ".repeat(widths[j]! - width(s));
    return t.numeric[j] ? fill + s : s + fill;
  };
  const line = (r: readonly string[]) => r.map(pad).join("  ").trimEnd();
  return [line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

// Pipes are left to arquero's toMarkdown.
const MARKDOWN_SPECIAL = /[\\`*[\]<>#~]/g;
// An underscore inside a word never starts emphasis (GFM): keep is_outlier readable in the source.
const LOOSE_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

function escapeMarkup(s: string): string {
  return s
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(LOOSE_UNDERSCORE, "\\_")
    .replace(/\r\n|\r|\n/g, " ");
}

/** Display width in code points (close enough for Portuguese text). */
function width(s: string): number {
  return [...s].length;
}
