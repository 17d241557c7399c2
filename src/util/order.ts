/**
 * Orders strings by UTF-16 code unit, JavaScript's default `<`: how PRONACs,
 * segment codes and tax ids are sorted everywhere (digits and ASCII letters,
 * where it equals Python's order). Use as `array.sort(byCodeUnit)`.
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders strings by Unicode code point, as Python's `sorted` does: differs
 * from {@link byCodeUnit} only for characters beyond U+FFFF, which sort after
 * U+E000–U+FFFF here (as in Jupyter's JSON keys).
 */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
