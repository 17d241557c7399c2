// Apart from connect.ts (and pg) so that naming SQL objects loads no driver.
/** A SQL identifier from the code (a table or column name of the schema), double-quoted; anything else is refused. */
export function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}
