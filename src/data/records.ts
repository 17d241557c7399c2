import { isUtf8 } from "node:buffer";

/*
 * A JavaScript view of a CSV file's records, for error paths only: polars
 * parses the data, and when it finds a bad value (by row) or fails, these
 * walks find the physical line to name. Quoting follows RFC 4180: a field
 * that starts with `"` runs to the next lone `"` ("" is an escaped quote) and
 * may span lines; a `"` inside an unquoted field is taken literally, as
 * polars' field parser does.
 */

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;

/** One record: its index (0 = header), the physical line it starts on, and its text's byte range (no line break). */
export interface CsvRecord {
  readonly index: number;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** A quoted field with no closing quote: the record holding it. */
export interface Unterminated {
  readonly index: number;
  readonly line: number;
}

/** Byte offset where the first record starts (after a UTF-8 byte-order mark, if any). */
function bodyStart(buf: Buffer): number {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
}

/** Index of the quote closing the quoted field opened at `open`, or -1. */
function closingQuote(buf: Buffer, open: number): number {
  let close = buf.indexOf(QUOTE, open + 1);
  while (close !== -1 && buf[close + 1] === QUOTE) close = buf.indexOf(QUOTE, close + 2);
  return close;
}

/**
 * Visits the records in order — record `index` (0 = header) starting on
 * physical `line`, its text in bytes [start, end) without the line break —
 * until `visit` returns false. Returns the record whose quoted field never
 * closes, if the walk reached one.
 */
export function walkRecords(
  buf: Buffer,
  visit: (index: number, line: number, start: number, end: number) => boolean | void,
): Unterminated | undefined {
  const n = buf.length;
  let start = bodyStart(buf);
  let line = 1;
  let index = 0;
  let lf = buf.indexOf(LF, start);
  let quote = buf.indexOf(QUOTE, start);
  while (start < n) {
    const recordLine = line;
    let p = start;
    let end: number;
    for (;;) {
      if (lf !== -1 && lf < p) lf = buf.indexOf(LF, p);
      if (quote !== -1 && quote < p) quote = buf.indexOf(QUOTE, p);
      if (quote === -1 || (lf !== -1 && lf < quote)) {
        end = lf === -1 ? n : lf;
        break;
      }
      if (quote !== start && buf[quote - 1] !== COMMA) {
        p = quote + 1;
        continue;
      }
      const close = closingQuote(buf, quote);
      if (close === -1) return { index, line: recordLine };
      while (lf !== -1 && lf < close) {
        line++;
        lf = buf.indexOf(LF, lf + 1);
      }
      p = close + 1;
    }
    const textEnd = end > start && buf[end - 1] === CR ? end - 1 : end;
    if (visit(index, recordLine, start, textEnd) === false) return undefined;
    index++;
    line++;
    start = end + 1;
  }
  return undefined;
}

/** The records at the given ascending indexes (0 = header); indexes past the end are left out. */
export function recordsAt(buf: Buffer, indexes: ArrayLike<number>): CsvRecord[] {
  const found: CsvRecord[] = [];
  let next = 0;
  if (indexes.length === 0) return found;
  walkRecords(buf, (index, line, start, end) => {
    if (index === indexes[next]) {
      found.push({ index, line, start, end });
      next++;
    }
    return next < indexes.length;
  });
  return found;
}

/** Physical line on which a data row's record starts (row 0 = first record after the header), or undefined past the end. */
export function lineOfRow(buf: Buffer, row: number): number | undefined {
  return recordsAt(buf, [row + 1])[0]?.line;
}

/** How a record splits into fields, and the first thing in it RFC 4180 forbids. */
export interface RecordShape {
  readonly fields: number;
  readonly problem?: string;
}

/** Counts the fields of the record text in bytes [start, end) (commas outside quoted fields, plus one). */
export function recordShape(buf: Buffer, start: number, end: number): RecordShape {
  let fields = 1;
  let problem: string | undefined;
  let i = start;
  while (i < end) {
    const c = buf[i];
    if (c === QUOTE && (i === start || buf[i - 1] === COMMA)) {
      const close = closingQuote(buf, i);
      if (close === -1 || close >= end) return { fields, problem: "a quoted field is never closed" };
      i = close + 1;
      if (i < end && buf[i] !== COMMA) problem ??= "text follows the closing quote of a quoted field";
      continue;
    }
    if (c === COMMA) fields++;
    else if (c === QUOTE) problem ??= 'a quote inside an unquoted field (quote the field and double the quote: "a ""b"" c")';
    i++;
  }
  return problem === undefined ? { fields } : { fields, problem };
}

/** Where and how a CSV file breaks its structure. */
export interface Malformed {
  readonly line: number;
  readonly problem: string;
}

function fields(n: number): string {
  return `${n} field${n === 1 ? "" : "s"}`;
}

function countProblem(start: number, end: number, actual: number, expected: number): string | undefined {
  if (actual === expected) return undefined;
  if (start === end) return `blank line (the header has ${fields(expected)})`;
  return `the record has ${fields(actual)}, the header has ${expected}`;
}

/**
 * The first of the given data rows (0-based, ascending) whose record does
 * not have `expected` fields; `trailingNulls[i]` is how many of row
 * `rows[i]`'s last columns polars read as null. A record with all its fields
 * ends with exactly that many empty fields, so mostly only the record's tail
 * is looked at; a tail ending in a quote is counted in full. Walks the file
 * up to the last row asked for.
 */
export function firstMiscounted(
  buf: Buffer,
  rows: ArrayLike<number>,
  trailingNulls: ArrayLike<number>,
  expected: number,
): Malformed | undefined {
  let found: Malformed | undefined;
  let next = 0;
  if (rows.length === 0) return undefined;
  walkRecords(buf, (index, line, start, end) => {
    if (index !== (rows[next] as number) + 1) return true;
    const nulls = trailingNulls[next] as number;
    next++;
    let p = end;
    while (p > start && buf[p - 1] === COMMA) p--;
    const emptyAtEnd = end - p;
    let actual: number;
    if (p === start) actual = emptyAtEnd + 1;
    else if (buf[p - 1] !== QUOTE && emptyAtEnd === nulls) return next < rows.length;
    else actual = recordShape(buf, start, end).fields;
    const problem = countProblem(start, end, actual, expected);
    if (problem !== undefined) found = { line, problem };
    return found === undefined && next < rows.length;
  });
  return found;
}

/**
 * The first structural fault of a CSV file whose header has `expected`
 * fields: an unclosed quote, invalid UTF-8, a record with another number of
 * fields, text after a closing quote; a quote inside an unquoted field is
 * reported only if nothing worse is found. Scans the whole file: error paths only.
 */
export function findMalformed(buf: Buffer, expected: number): Malformed | undefined {
  let hard: Malformed | undefined;
  let soft: Malformed | undefined;
  const unterminated = walkRecords(buf, (_index, line, start, end) => {
    const shape = recordShape(buf, start, end);
    let problem = isUtf8(buf.subarray(start, end)) ? countProblem(start, end, shape.fields, expected) : "the text is not valid UTF-8";
    if (problem === undefined && shape.problem !== undefined && !shape.problem.startsWith("a quote inside")) {
      problem = shape.problem;
    }
    if (problem !== undefined) {
      hard = { line, problem };
      return false;
    }
    if (shape.problem !== undefined) soft ??= { line, problem: shape.problem };
    return true;
  });
  if (hard) return hard;
  if (unterminated) return { line: unterminated.line, problem: 'a quoted field is never closed (missing ")' };
  return soft;
}
