import pl from "nodejs-polars";
import { SCHEMA, type ColumnSpec, type TableName } from "../../src/data/schema.js";

/** A cell of a hand-made table: datetimes as ISO strings ("2013-01-01") or Dates. */
export type FixtureValue = string | number | Date | null;

const DTYPES = {
  string: pl.Utf8,
  int: pl.Int64,
  number: pl.Float64,
  datetime: pl.Datetime("ms"),
} as const;

function toCell(spec: ColumnSpec, value: FixtureValue | undefined): FixtureValue {
  if (value === undefined || value === null) return null;
  if (spec.required && spec.type === "datetime" && typeof value === "string") {
    return new Date(`${value.length === 10 ? `${value}T00:00:00` : value.replace(" ", "T")}Z`);
  }
  return value;
}

/**
 * A small table with the dtypes the loaders give (contracts: required
 * `string` → Utf8, `int` → Int64, `number` → Float64, `datetime` →
 * Datetime("ms"); optional columns Utf8), for tests and notebooks that build
 * data by hand. Columns are the keys of the rows (a key missing in a row is
 * null); a key the schema does not declare is an error.
 */
export function tableFromRows(
  table: TableName,
  rows: readonly Readonly<Record<string, FixtureValue>>[],
  columns: readonly string[] = Object.keys(rows[0] ?? {}),
): pl.DataFrame {
  const specs = new Map(SCHEMA[table].map((spec) => [spec.name, spec]));
  const series = columns.map((name) => {
    const spec = specs.get(name);
    if (spec === undefined) throw new Error(`tableFromRows: ${table} declares no column "${name}"`);
    const dtype = spec.required ? DTYPES[spec.type] : pl.Utf8;
    const values = rows.map((row) => {
      const cell = toCell(spec, row[name]);
      return !spec.required && cell !== null ? String(cell) : cell;
    });
    return pl.Series(name, values, dtype);
  });
  return pl.DataFrame(series);
}
