import { SCHEMA, type ColumnSpec, type TableName } from "../data/schema.js";
import { ident } from "./ident.js";

/** The schema holding the five Salic tables (spec §2). */
export const SALIC_SCHEMA = "salic";

/** `salic."<table>"`, the qualified name of a Salic table. */
export function salicTable(table: TableName): string {
  return `${SALIC_SCHEMA}.${ident(table)}`;
}

/** How a table appears in messages: `salic.planilha_captacao`. */
export function tableLabel(table: TableName): string {
  return `${SALIC_SCHEMA}.${table}`;
}

/**
 * The PostgreSQL type of a declared column: the spec's type for the columns
 * the metrics read (identifiers text, money exact numeric, dates timestamp,
 * ints bigint); text for the optional ones, which the loaders keep as text
 * without parsing (their spec type documents them, it is not enforced).
 */
export function sqlType(spec: ColumnSpec): string {
  if (!spec.required) return "text";
  return { string: "text", int: "bigint", number: "numeric", datetime: "timestamp" }[spec.type];
}

/** CREATE TABLE of `table` with the given declared columns (those its files have), in the schema's order. */
export function createTableSql(table: TableName, columns: readonly string[]): string {
  const specs = SCHEMA[table].filter((spec) => columns.includes(spec.name));
  return `CREATE TABLE ${salicTable(table)} (${specs.map((spec) => `${ident(spec.name)} ${sqlType(spec)}`).join(", ")})`;
}
