import type pl from "nodejs-polars";

/** Anything `table` and `publish` accept as rows. */
export type Rows = readonly Readonly<Record<string, unknown>>[] | pl.DataFrame | ArqueroLike;

/** The part of an arquero table read here (kept structural: no arquero import needed). */
export interface ArqueroLike {
  columnNames(): string[];
  numRows(): number;
  objects(options?: { limit?: number }): object[];
}

/** True for a nodejs-polars DataFrame. */
export function isPolarsFrame(x: unknown): x is pl.DataFrame {
  const f = x as Partial<pl.DataFrame> | null;
  return typeof f === "object" && f !== null && typeof f.getColumn === "function" && Array.isArray(f.columns) && typeof f.height === "number";
}

/** True for an arquero table. */
export function isArqueroTable(x: unknown): x is ArqueroLike {
  const t = x as Partial<ArqueroLike> | null;
  return typeof t === "object" && t !== null && typeof t.columnNames === "function" && typeof t.objects === "function";
}

/**
 * The first `limit` rows as records, the column names (in order; for plain
 * records, first-seen order) and the total row count.
 */
export function headRows(rows: Rows, limit: number): { columns: string[]; rows: Record<string, unknown>[]; total: number } {
  if (isPolarsFrame(rows)) {
    return { columns: [...rows.columns], rows: rows.head(limit).toRecords() as Record<string, unknown>[], total: rows.height };
  }
  if (isArqueroTable(rows)) {
    return { columns: rows.columnNames(), rows: rows.objects({ limit }) as Record<string, unknown>[], total: rows.numRows() };
  }
  if (!Array.isArray(rows)) throw new TypeError("expected an array of records, a polars DataFrame or an arquero table");
  const columns = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) columns.add(k);
  return { columns: [...columns], rows: rows.slice(0, limit), total: rows.length };
}
