import type pl from "nodejs-polars";
import { DataError, showValue } from "./errors.js";
import { MAX_MONEY_TOTAL, MAX_MONEY_VALUE, findMoneyProblem } from "./money.js";
import type { ColumnSpec } from "./schema.js";

/** Where a table's rows come from, as its error messages name them. */
export interface RowSource {
  readonly file: string;
  /** A 0-based data row as the message locates it: its CSV line, or its 1-based Parquet row. */
  locate(row: number): { readonly line: number } | { readonly row: number };
  /** The value of `column` on `row` as the file holds it (CSV: the text). */
  text(row: number, column: string): string;
}

/**
 * The checks on a parsed table that no single value's type can make: money
 * inside the range that metrics sum exactly (see data/money.ts).
 * @throws DataError naming the file, line or row, column and value.
 */
export function checkTable(df: pl.DataFrame, columns: readonly ColumnSpec[], source: RowSource): void {
  const money = findMoneyProblem(df, columns);
  if (money === undefined) return;
  const { row, column } = money;
  const value = source.text(row, column);
  const problem =
    money.kind === "value"
      ? `${showValue(value)} is beyond the money range (expected at most ${MAX_MONEY_VALUE} reais in absolute value, the largest amount read exact to the micro-real)`
      : `with ${showValue(value)}, the absolute values of column ${column} add up to more than ${MAX_MONEY_TOTAL} reais ` +
        `(expected at most ${MAX_MONEY_TOTAL} reais per money column, so that every sum of its values is exact in 64-bit micro-reais)`;
  throw new DataError({ file: source.file, ...source.locate(row), column, value }, problem);
}
