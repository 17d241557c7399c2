/**
 * Plain value → text for tables, the same on every machine (no locale):
 * a column's numbers share one format, so 12 and 12.5 in a money column
 * read "12.00" and "12.50".
 */

/** How a column's numbers are written. */
export type NumberStyle = "integer" | "fixed";

/** Options of the table formatter. */
export interface FormatOptions {
  /** Decimals of non-integer columns (default 2). */
  digits?: number;
}

/** "integer" when every number of the column is an integer, else "fixed". */
export function numberStyle(values: readonly unknown[]): NumberStyle {
  return values.every((v) => typeof v !== "number" || Number.isInteger(v) || !Number.isFinite(v)) ? "integer" : "fixed";
}

/**
 * A number as text: integers as they are, others with `digits` decimals;
 * magnitudes that fixed notation would hide (non-zero but below half a unit
 * of the last decimal) or bloat (≥ 1e15) in exponential notation.
 */
export function formatNumber(x: number, style: NumberStyle, digits = 2): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "-∞";
  if (x === 0) return style === "integer" ? "0" : (0).toFixed(digits); // also turns -0 into 0
  const abs = Math.abs(x);
  if (abs >= 1e15 || (style === "fixed" && abs < 0.5 * 10 ** -digits)) return x.toExponential(Math.max(digits, 1));
  return style === "integer" ? String(x) : x.toFixed(digits);
}

/** A non-numeric value as text: dates in ISO 8601 (UTC, without a zero time), objects as JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "number") return formatNumber(value, Number.isInteger(value) ? "integer" : "fixed");
  if (value instanceof Date) return isoDate(value);
  const json = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "Invalid Date";
  return d.toISOString().replace(/\.000Z$/, "Z").replace(/T00:00:00Z$/, "");
}
