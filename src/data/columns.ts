import { DataError } from "./errors.js";
import { SCHEMA, type ColumnSpec, type TableName } from "./schema.js";

/** Suffix polars gives the second and later copies of a repeated header name. */
const DUPLICATE = "_duplicated_";

const loose = (name: string) => name.trim().toLowerCase();

/**
 * The declared columns of `table` that a file has, in the schema's order.
 * Columns the schema does not declare are ignored. A required column that is
 * missing, or a declared column named twice, is an error naming the file and
 * column (with a hint when a header name differs only in case or blanks).
 */
export function presentColumns(header: readonly string[], table: TableName, file: string): ColumnSpec[] {
  const names = new Set(header);
  const specs = SCHEMA[table];
  for (const spec of specs) {
    if (names.has(`${spec.name}${DUPLICATE}0`)) {
      throw new DataError({ file, column: spec.name }, `column "${spec.name}" appears more than once in the header`);
    }
  }
  const missing = specs.filter((spec) => spec.required && !names.has(spec.name));
  if (missing.length > 0) {
    const first = missing[0] as ColumnSpec;
    const near = header.find((h) => loose(h) === loose(first.name));
    const hint = near === undefined ? "" : `; the header has ${JSON.stringify(near)}`;
    const problem =
      missing.length === 1
        ? `missing column "${first.name}" (a metric reads it)${hint}`
        : `missing columns ${missing.map((m) => `"${m.name}"`).join(", ")} (metrics read them)${hint}`;
    throw new DataError({ file, column: first.name }, problem);
  }
  return specs.filter((spec) => names.has(spec.name));
}

/** The columns whose values are parsed as their type; the others are kept as text. */
export function typedColumns(columns: readonly ColumnSpec[]): ColumnSpec[] {
  return columns.filter((c) => c.required && c.type !== "string");
}
