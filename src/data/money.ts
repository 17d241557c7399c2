import pl from "nodejs-polars";
import type { ColumnSpec } from "./schema.js";

/**
 * Money is summed and compared exactly (spec §3). Loaders give money as
 * Float64 reais; metrics convert it to integer micro-reais with
 * {@link exactMoney}, where sums and comparisons have no float drift. Six
 * decimals keep every value the Salic exports write (two decimals, sometimes
 * three or four) exact, and round away the float noise of values exported by
 * pandas (`0.30000000000000004`).
 */
export const MONEY_SCALE = 1_000_000;

/**
 * The largest money value, in reais and absolute value, that the loaders
 * accept. A double misses a written decimal by at most 2^-53 of the value and
 * the product by 10^6 adds as much again, so below 2^51 micro-reais
 * (R$ 2,251,799,813.69) the rounding in {@link exactMoney} recovers every
 * written micro-real; beyond, two amounts a cent apart could come out the
 * same. Two billion reais is a round bound inside that, and far above any
 * budget line of a cultural project.
 */
export const MAX_MONEY_VALUE = 2_000_000_000;

/**
 * The largest sum of the absolute values of one money column, in reais, that
 * the loaders accept. Metrics sum micro-reais in Int64, which wraps without
 * an error beyond ±9.22·10^18: with this bound (4·10^18 micro-reais) no sum of
 * a column's values can wrap, nor the difference of two such sums (raised −
 * proven), nor 3 × a value (the 150 % rule compares `2·proven > 3·approved`).
 */
export const MAX_MONEY_TOTAL = 4_000_000_000_000;

/**
 * An expression turning a Float64 reais column into exact Int64 micro-reais.
 * The cast is strict: a value beyond Int64 fails the query instead of
 * becoming null, which a sum would silently leave out.
 */
export function exactMoney(column: string | pl.Expr): pl.Expr {
  const expr = typeof column === "string" ? pl.col(column) : column;
  return expr.mul(MONEY_SCALE).round(0).cast(pl.Int64, true);
}

/**
 * Whether a column holds money: every `number` column a metric reads does
 * (the quantities, QtItem and the like, are optional and kept as text).
 */
export function isMoney(spec: ColumnSpec): boolean {
  return spec.required && spec.type === "number";
}

/** A money value or column total the loaders refuse; `row` is 0-based. */
export interface MoneyProblem {
  readonly row: number;
  readonly column: string;
  readonly kind: "value" | "total";
}

const TOTAL_MICROS = BigInt(MAX_MONEY_TOTAL) * BigInt(MONEY_SCALE);

/**
 * The first money value beyond {@link MAX_MONEY_VALUE} (lowest row, ties in
 * column order), else the first column, in column order, whose running total
 * of absolute values exceeds {@link MAX_MONEY_TOTAL}, at the row where it
 * does.
 */
export function findMoneyProblem(df: pl.DataFrame, columns: readonly ColumnSpec[]): MoneyProblem | undefined {
  const money = columns.filter(isMoney).map((c) => c.name);
  let found: MoneyProblem | undefined;
  for (const column of money) {
    const rows = df.select(pl.col(column).abs().gt(MAX_MONEY_VALUE).alias("x")).getColumn("x").argTrue();
    const row = rows.length > 0 ? (rows.get(0) as number) : undefined;
    if (row !== undefined && (found === undefined || row < found.row)) found = { row, column, kind: "value" };
  }
  if (found) return found;
  for (const column of money) {
    const row = rowOverTotal(df, column);
    if (row !== undefined) return { row, column, kind: "total" };
  }
  return undefined;
}

/**
 * The row at which the running total of |micro-reais| of `column` first
 * exceeds the bound. The float total misses the exact one by far less than
 * half, so only a column past half the bound is summed exactly, in BigInt:
 * Int64 could wrap, and doubles are not exact beyond 2^53.
 */
function rowOverTotal(df: pl.DataFrame, column: string): number | undefined {
  const approximate = df.select(pl.col(column).abs().sum()).getColumn(column).get(0) as number | null;
  if (approximate === null || approximate <= MAX_MONEY_TOTAL / 2) return undefined;
  // Each |value| is at most 2·10^15 micro-reais here, so exactly a double.
  const micros = df.select(exactMoney(column).abs().cast(pl.Float64).fillNull(0)).getColumn(column).toTypedArray() as Float64Array;
  let total = 0n;
  for (let row = 0; row < micros.length; row++) {
    total += BigInt(micros[row]!);
    if (total > TOTAL_MICROS) return row;
  }
  return undefined;
}
