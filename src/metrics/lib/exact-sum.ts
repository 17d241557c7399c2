/**
 * The sum of `values[start..end)` correctly rounded from the exact sum
 * (Shewchuk's algorithm, as Python's `math.fsum`). The result does not depend
 * on the order of the values, which is why segment statistics use it: polars'
 * parallel aggregations add floats in an order that varies between runs, and
 * a naive sum then differs in the last digit. Integers summed this way are
 * exact while the exact sum fits a double (|sum| < 2^53). Non-finite values
 * give the plain left-to-right sum (±Infinity or NaN either way).
 */
export function exactSum(values: ArrayLike<number>, start = 0, end = values.length): number {
  const partials: number[] = [];
  for (let i = start; i < end; i++) {
    let x = values[i]!;
    if (!Number.isFinite(x)) return plainSum(values, start, end);
    let k = 0;
    for (let j = 0; j < partials.length; j++) {
      let y = partials[j]!;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[k++] = lo;
      x = hi;
    }
    partials.length = k;
    partials.push(x);
  }
  return roundPartials(partials);
}

/** The non-overlapping partials (ascending magnitude) added into one double, rounded half to even. */
function roundPartials(partials: number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // hi + lo is exact; if lo is exactly half an ulp, the partials below decide the rounding direction.
  const below = partials[n - 1];
  if (n > 0 && below !== undefined && ((lo < 0 && below < 0) || (lo > 0 && below > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

function plainSum(values: ArrayLike<number>, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i]!;
  return sum;
}
