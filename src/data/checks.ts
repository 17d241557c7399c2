import pl from "nodejs-polars";
import { DataError, showValue } from "./errors.js";
import { MAX_MONEY_TOTAL, MAX_MONEY_VALUE, findMoneyProblem } from "./money.js";

// Grouped by commas: a limit written as 11+ bare digits would be masked as a tax id.
const reais = (amount: number) => `${amount.toLocaleString("en-US")} reais`;
import type { ColumnSpec } from "./schema.js";

/** Where a table's rows come from, as its error messages name them. */
export interface RowSource {
  readonly file: string;
  /** A 0-based data row as the message locates it: its CSV line, or its 1-based Parquet row. */
  locate(row: number): { readonly line: number } | { readonly row: number };
  /** The value of `column` on `row` as the file holds it (CSV: the text). */
  text(row: number, column: string): string;
}

/** "line 3" or "row 3", as a location reads in a message. */
function place(at: { readonly line: number } | { readonly row: number }): string {
  return "line" in at ? `line ${at.line}` : `row ${at.row}`;
}

/** The first row (0-based) repeating an earlier row's non-null value of `column`, and that earlier row. */
function firstRepeat(df: pl.DataFrame, column: string): { first: number; again: number } | undefined {
  const col = pl.col(column);
  const repeats = df.select(col.isFirstDistinct().not().and(col.isNotNull()).alias("x")).getColumn("x").argTrue();
  if (repeats.length === 0) return undefined;
  const again = repeats.get(0) as number;
  const value = df.getColumn(column).get(again) as string;
  const first = df.select(col.eq(pl.lit(value)).alias("x")).getColumn("x").argTrue().get(0) as number;
  return { first, again };
}

/**
 * The checks on a parsed table that no single value's type can make: money
 * inside the range that metrics sum exactly (see data/money.ts), and each
 * value of a `unique` column once.
 * @throws DataError naming the file, line or row, column and value.
 */
export function checkTable(df: pl.DataFrame, columns: readonly ColumnSpec[], source: RowSource): void {
  checkMoney(df, columns, source);
  for (const spec of columns.filter((c) => c.unique)) {
    const repeat = firstRepeat(df, spec.name);
    if (repeat === undefined) continue;
    const value = source.text(repeat.again, spec.name);
    throw new DataError(
      { file: source.file, ...source.locate(repeat.again), column: spec.name, value },
      `${spec.name} ${showValue(value)} is also on ${place(source.locate(repeat.first))} (expected each ${spec.name} once: it names one project)`,
    );
  }
}

function checkMoney(df: pl.DataFrame, columns: readonly ColumnSpec[], source: RowSource): void {
  const money = findMoneyProblem(df, columns);
  if (money === undefined) return;
  const { row, column } = money;
  const value = source.text(row, column);
  const problem =
    money.kind === "value"
      ? `${showValue(value)} is beyond the money range (expected at most ${reais(MAX_MONEY_VALUE)} in absolute value, the largest amount read exact to the micro-real)`
      : `with ${showValue(value)}, the absolute values of column ${column} add up to more than ${reais(MAX_MONEY_TOTAL)} ` +
        `(expected at most ${reais(MAX_MONEY_TOTAL)} per money column, so that every sum of its values is exact in 64-bit micro-reais)`;
  throw new DataError({ file: source.file, ...source.locate(row), column, value }, problem);
}
