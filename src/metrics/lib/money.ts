import { MONEY_SCALE } from "../../data/money.js";

// The loaders bound money so that these conversions and the metrics' sums stay exact: one home for both.
export { MONEY_SCALE, exactMoney } from "../../data/money.js";

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
