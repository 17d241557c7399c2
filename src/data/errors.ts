import { basename } from "node:path";
import { maskTaxIdsInText } from "../util/tax-id.js";

/** Where a bad input sits; every field that is known is named in the message too. */
export interface DataErrorDetails {
  /** The file (or data directory) as given to the loader. */
  readonly file: string;
  /** 1-based physical line of the CSV record (the header is line 1). */
  readonly line?: number;
  /** 1-based data row (Parquet, where there are no lines). */
  readonly row?: number;
  /** The column (header name) of the offending value or of the missing column. */
  readonly column?: string;
  /** The offending text, exactly as read (unmasked: see {@link DataError.value}). */
  readonly value?: string;
}

/**
 * Bad input data: a missing file or column, a malformed CSV record, a value
 * that does not parse as its declared type. The message names the file (by
 * its base name), line or row, column and value; the fields carry the same
 * facts for programs. Tax ids in the message are masked (spec §1: a bad cell
 * may hold a CPF), whatever the problem's text echoes.
 */
export class DataError extends Error {
  /** The file (or data directory) as given to the loader. */
  readonly file: string;
  /** 1-based physical line of the CSV record (the header is line 1), when known. */
  readonly line?: number;
  /** 1-based data row (Parquet, where there are no lines), when known. */
  readonly row?: number;
  /** The column (header name) concerned, when there is one. */
  readonly column?: string;
  /**
   * The offending text, exactly as read, when there is one. Unmasked, so it
   * is not enumerable: logging the error (util.inspect, JSON) leaves it out.
   */
  declare readonly value?: string;

  /** @param problem what is wrong, said after the location, e.g. `missing column "PRONAC"`. */
  constructor(details: DataErrorDetails, problem: string) {
    super(maskTaxIdsInText(`${location(details)}: ${problem}`));
    this.name = "DataError";
    this.file = details.file;
    if (details.line !== undefined) this.line = details.line;
    if (details.row !== undefined) this.row = details.row;
    if (details.column !== undefined) this.column = details.column;
    if (details.value !== undefined) Object.defineProperty(this, "value", { value: details.value, enumerable: false });
  }
}

function location(d: DataErrorDetails): string {
  const parts = [basename(d.file) || d.file];
  if (d.line !== undefined) parts.push(`line ${d.line}`);
  if (d.row !== undefined) parts.push(`row ${d.row}`);
  // a column is part of the location of a value; otherwise the problem names it
  if (d.column !== undefined && (d.line !== undefined || d.row !== undefined)) parts.push(`column ${d.column}`);
  return parts.join(", ");
}

/** A value as shown in a message: JSON-quoted (so blanks and newlines show), cut at 80 characters. */
export function showValue(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(cut);
}
