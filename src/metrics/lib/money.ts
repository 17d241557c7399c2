import pl from "nodejs-polars";

/**
 * Money is summed and compared exactly (spec §3). Loaders give money as
 * Float64 reais; metrics convert it to integer micro-reais, where sums and
 * comparisons have no float drift. Six decimals keep every value the Salic
 * exports write (two decimals, sometimes three or four) exact; a double holds
 * a value of up to ~10^9 reais to better than a micro-real, so the rounding
 * below recovers the written decimals.
 */
export const MONEY_SCALE = 1_000_000;

/** An expression turning a Float64 reais column into exact Int64 micro-reais. */
export function exactMoney(column: string | pl.Expr): pl.Expr {
  const expr = typeof column === "string" ? pl.col(column) : column;
  return expr.mul(MONEY_SCALE).round(0).cast(pl.Int64);
}

/** Micro-reais to reais rounded to 2 decimals, half to even (as Python's Decimal does). */
export function roundMoney(micros: number): number {
  const perCent = MONEY_SCALE / 100;
  const sign = micros < 0 ? -1 : 1;
  const abs = Math.abs(micros);
  let cents = Math.floor(abs / perCent);
  const rest = abs - cents * perCent;
  if (rest * 2 > perCent || (rest * 2 === perCent && cents % 2 === 1)) cents += 1;
  // No negative zero: a difference that rounds to nothing is plain 0.
  return cents === 0 ? 0 : (sign * cents) / 100;
}
