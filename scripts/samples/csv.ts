/**
 * CSV text in the spec's dialect (§2): RFC 4180 quoting, "\n" line ends, "."
 * decimals, empty field for null. Built for speed: callers concatenate
 * already-formatted fields, and only text that may hold a comma, quote or line
 * break goes through `csvField`.
 */

const NEEDS_QUOTES = /[",\r\n]/;

/** A text field, quoted (quotes doubled) when it holds a comma, double quote, CR or LF. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record (no line end) from text fields, each quoted as needed. */
export function csvRow(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * Cents as reais: whole cents with exactly two decimals (123456 → "1234.56");
 * a fraction of a cent, in eighths (which doubles hold exactly), with the
 * decimals it needs (1234.5 → "12.345", 0.375 → "0.00375"): spec §2 lets
 * money carry more than two decimals, and the sample plants such values
 * (plant-sub-cents.ts); below a cent, micro-reais too (0.0001 → "0.000001").
 */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  if (Number.isSafeInteger(cents)) return `${sign}${Math.floor(abs / 100)}.${pad2(abs % 100)}`;
  if (!Number.isSafeInteger(cents * 8)) {
    // Below a cent, any whole number of micro-reais (the loaders' precision): R$ 0.000001 is the smallest money there is.
    const micros = Math.round(abs * 10_000);
    if (abs < 1 && Math.abs(abs * 10_000 - micros) < 1e-6) return `${sign}0.${String(micros).padStart(6, "0").replace(/0+$/, "")}`;
    throw new RangeError(`cents must be a whole number of eighths of a cent, or of micro-reais below a cent, got ${cents}`);
  }
  const micros = abs * 10_000; // an eighth of a cent is 1250 micro-reais: exact
  const decimals = String(micros % 1_000_000).padStart(6, "0").replace(/0+$/, "");
  return `${sign}${Math.floor(micros / 1_000_000)}.${decimals}`;
}

/**
 * Integer thousandths of a real as a price: two decimals when the last digit
 * is 0 (12340 → "12.34"), three otherwise (12345 → "12.345"), as a few Salic
 * unit prices are written.
 */
export function formatMills(mills: number): string {
  if (!Number.isSafeInteger(mills) || mills < 0) throw new RangeError(`mills must be a non-negative safe integer, got ${mills}`);
  if (mills % 10 === 0) return formatCents(mills / 10);
  const frac = mills % 1000;
  return `${Math.floor(mills / 1000)}.${frac < 10 ? "00" : frac < 100 ? "0" : ""}${frac}`;
}

/** Days since 1970-01-01 (UTC) as `YYYY-MM-DD`. */
export function formatDay(day: number): string {
  // Civil date from a day count (H. Hinnant's algorithm): no Date object per row.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Days since 1970-01-01 plus seconds within the day as `YYYY-MM-DD HH:MM:SS`. */
export function formatDateTime(day: number, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  return `${formatDay(day)} ${pad2(h)}:${pad2(m)}:${pad2(secondOfDay % 60)}`;
}

/** Days since 1970-01-01 (UTC) of a calendar date. */
export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}
