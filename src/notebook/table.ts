import { show, type DisplayBundle } from "./display.js";
import { formatTable, markdownTable, plainTable } from "./markdown.js";
import { headRows, type Rows } from "./rows.js";

/** Options of `table`. */
export interface TableOptions {
  /** Shown in bold above the table. */
  caption?: string;
  /** Decimals of non-integer columns (default 2). */
  digits?: number;
  /** Rows shown (default 20); a note says how many were left out. */
  maxRows?: number;
}

/**
 * The bundle `table` displays: text/markdown (GitHub renders it) and the
 * same table aligned as text/plain.
 */
export function tableBundle(rows: Rows, options: TableOptions = {}): DisplayBundle {
  const maxRows = options.maxRows ?? 20;
  if (!Number.isInteger(maxRows) || maxRows < 0) throw new RangeError(`table: maxRows must be a non-negative integer, got ${maxRows}`);
  const digits = options.digits ?? 2;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new RangeError(`table: digits must be an integer from 0 to 20, got ${digits}`);
  const head = headRows(rows, maxRows);
  const formatted = formatTable(head, digits);
  const more = head.total - head.rows.length;
  const note = more > 0 ? `… ${more} more rows (${head.total} in all)` : undefined;
  const caption = options.caption;
  const markdown = [
    ...(caption !== undefined ? [`**${caption}**`, ""] : []),
    head.columns.length > 0 ? markdownTable(formatted) : "*(no columns)*",
    ...(note !== undefined ? ["", `*${note}*`] : []),
  ].join("\n");
  const plain = [
    ...(caption !== undefined ? [caption] : []),
    head.columns.length > 0 ? plainTable(formatted) : "(no columns)",
    ...(note !== undefined ? [note] : []),
  ].join("\n");
  return { data: { "text/markdown": markdown, "text/plain": plain } };
}

/**
 * Displays rows (records, a polars DataFrame or an arquero table) as a
 * Markdown table: numeric columns right-aligned and formatted alike,
 * identifiers left as the strings they are.
 */
export function table(rows: Rows, options: TableOptions = {}): void {
  show(tableBundle(rows, options));
}
