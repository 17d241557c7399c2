import pl from "nodejs-polars";
import { checkTable } from "./checks.js";
import { presentColumns, typedColumns } from "./columns.js";
import { DataError, showValue } from "./errors.js";
import { EXPECTED, parseColumns } from "./parse.js";
import { findMalformed, firstMiscounted, lineOfRow, recordShape, recordsAt } from "./records.js";
import type { ColumnSpec, TableName } from "./schema.js";

/*
 * Every column is read as text first (inferSchemaLength 0), so identifiers
 * such as "000014" or "-8571903399542239214" keep every digit; the typed
 * columns are then parsed by expressions (parse.ts). polars' defaults are
 * lenient (skip bad rows, truncate long records): both are turned off.
 * Empty fields, quoted ("") or not, are null.
 */
const READ_OPTIONS = {
  hasHeader: true,
  inferSchemaLength: 0,
  ignoreErrors: false,
  truncateRaggedLines: false,
  missingIsNull: true,
  nullValues: "",
  sep: ",",
  quoteChar: '"',
  encoding: "utf8",
} as const;

const LF = 10;
const CR = 13;

/**
 * The bytes ending in exactly one line break: blank lines at the very end are
 * not records, and polars misses a trailing extra field ("1,2,3,") on a last
 * line that has no line break (adding one copies the file: rare).
 */
function withOneTrailingBreak(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === LF || bytes[end - 1] === CR)) end--;
  if (end === 0) return bytes.subarray(0, 0);
  if (bytes[end] === LF) return bytes.subarray(0, end + 1);
  if (bytes[end] === CR && bytes[end + 1] === LF) return bytes.subarray(0, end + 2);
  return Buffer.concat([bytes.subarray(0, end), Buffer.from("\n")]);
}

function isEmpty(bytes: Buffer): boolean {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.length <= bom;
}

/** The header's field count, read by the same parser as the data. */
function headerWidth(bytes: Buffer): number {
  const [header] = recordsAt(bytes, [0]);
  return header ? recordShape(bytes, header.start, header.end).fields : 0;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

/** A DataError for a file polars could not parse, located by a scan of the file. */
function malformed(bytes: Buffer, file: string, cause: unknown): DataError {
  const found = findMalformed(bytes, headerWidth(bytes));
  if (found) return new DataError({ file, line: found.line }, `malformed CSV: ${found.problem}`);
  return new DataError({ file }, `malformed CSV (${firstLine(cause)})`);
}

/**
 * polars reads a record with too few fields as if the missing ones were
 * empty, so such a record leaves the header's last column null. Only those
 * rows are checked against the file (read only then), with how many of
 * their last columns are null (see firstMiscounted).
 */
function checkShortRecords(body: () => Buffer, raw: pl.DataFrame, file: string): void {
  const names = raw.columns;
  const last = names[names.length - 1];
  if (last === undefined || raw.getColumn(last).nullCount() === 0) return;
  let trailing: pl.Expr = pl.lit(0);
  let allNull: pl.Expr = pl.lit(true);
  for (const name of [...names].reverse()) {
    allNull = allNull.and(pl.col(name).isNull());
    trailing = trailing.add(allNull.cast(pl.Int32));
  }
  // only internal names after the first select, so no header name can collide
  const suspects = raw
    .lazy()
    .select(pl.col(last).isNull().alias("suspect"), trailing.alias("nulls"))
    .withRowIndex("row")
    .filter(pl.col("suspect"))
    .collectSync();
  const rows = suspects.getColumn("row").toTypedArray() as ArrayLike<number>;
  const nulls = suspects.getColumn("nulls").toTypedArray() as ArrayLike<number>;
  const found = firstMiscounted(body(), rows, nulls, raw.width);
  if (found) throw new DataError({ file, line: found.line }, `malformed CSV: ${found.problem}`);
}

/** Which declared columns a read keeps: every one, or only the required ones (those a metric or the service reads). */
export type ColumnSelection = "all" | "required";

function selectColumns(columns: readonly ColumnSpec[], selection: ColumnSelection): ColumnSpec[] {
  return selection === "all" ? [...columns] : columns.filter((c) => c.required);
}

/**
 * The kept columns of a raw (all text) frame, parsed and checked.
 * @param body the file's bytes, read only to name the line of a bad value.
 */
function decode(raw: pl.DataFrame, columns: readonly ColumnSpec[], file: string, body: () => Buffer): pl.DataFrame {
  const text = raw.select(...columns.map((c) => c.name));
  const parsed = parseColumns(text, typedColumns(columns));
  const locate = (row: number) => {
    const line = lineOfRow(body(), row);
    return line === undefined ? { row: row + 1 } : { line };
  };
  if (parsed.bad) {
    const { row, column, value, type } = parsed.bad;
    throw new DataError({ file, ...locate(row), column, value }, `${showValue(value)} ${EXPECTED[type]}`);
  }
  checkTable(parsed.df, columns, { file, locate, text: (row, column) => String(text.getColumn(column).get(row)) });
  return parsed.df;
}

/**
 * The table from polars' raw read of a file's text (`read` throws when
 * polars cannot parse it); `body` gives the file's bytes, read only to
 * name the line of an error.
 */
function readRecords(read: () => pl.DataFrame, body: () => Buffer, file: string, table: TableName, selection: ColumnSelection): pl.DataFrame {
  let raw: pl.DataFrame;
  try {
    raw = read();
  } catch (error) {
    throw malformed(body(), file, error);
  }
  const columns = presentColumns(raw.columns, table, file);
  checkShortRecords(body, raw, file);
  return decode(raw, selectColumns(columns, selection), file, body);
}

/**
 * Reads one table from CSV bytes (UTF-8, header row, comma, RFC 4180
 * quoting) into a frame with the schema's dtypes: required int, number and
 * datetime columns parsed, every other declared column kept as Utf8,
 * undeclared columns dropped (and, with `selection` "required", the optional ones).
 * @param file named in errors.
 * @throws DataError naming the file, and the line, column and value when known.
 */
export function readCsv(bytes: Buffer, file: string, table: TableName, selection: ColumnSelection = "all"): pl.DataFrame {
  const body = withOneTrailingBreak(bytes);
  if (isEmpty(body)) throw new DataError({ file }, "the file is empty (expected a header row)");
  return readRecords(() => pl.readCSV(body, READ_OPTIONS), () => body, file, table, selection);
}

/** Whether the bytes end in exactly one line break (LF or CRLF) after some text. */
function endsWithOneBreak(tail: Buffer): boolean {
  const n = tail.length;
  if (n < 2 || tail[n - 1] !== LF) return false;
  const before = tail[n - 2] === CR ? n - 3 : n - 2;
  return before >= 0 && tail[before] !== LF && tail[before] !== CR;
}

/**
 * {@link readCsv} on the file at path `file` (ending in ".csv"), giving the
 * same frame and errors. polars maps the file instead of getting a copy of
 * it in a Buffer, which loads a large file about 1.6 times faster. The
 * bytes are read only to name the line of an error, to check the records
 * whose last field is empty (one may be short of fields), or when polars
 * alone would misread the file: one not ending in exactly one line break
 * (see withOneTrailingBreak) is read by readCsv.
 *
 * polars could also skip the optional columns (twice as fast again on
 * planilha_orcamentaria), but it then ignores fields beyond the header's
 * (a record with a field too many, whose values are shifted, would pass).
 * @param readBytes the file's bytes (a regular file, checked by the caller).
 * @param tail the file's last 3 bytes.
 */
export function readCsvFile(file: string, table: TableName, selection: ColumnSelection, readBytes: () => Buffer, tail: Buffer): pl.DataFrame {
  if (!endsWithOneBreak(tail)) return readCsv(readBytes(), file, table, selection);
  let bytes: Buffer | undefined;
  const body = () => (bytes ??= withOneTrailingBreak(readBytes()));
  return readRecords(() => pl.readCSV(file, READ_OPTIONS), body, file, table, selection);
}
