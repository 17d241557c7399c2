/**
 * Seeded randomness for the sample generator. Everything random in the samples
 * comes from one of these generators, never from Math.random or the clock, so
 * a seed fully determines the bytes written.
 */

/** A seeded source of random numbers (mulberry32 underneath). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Standard normal N(0, 1) by Box-Muller. */
  normal(): number;
  /** exp(N(mu, sigma)): a log-normal draw whose median is exp(mu). */
  logNormal(mu: number, sigma: number): number;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One index drawn with the given non-negative weights (cumulative sums, see `cumulative`). */
  weighted(cumulativeWeights: Float64Array): number;
  /** A new generator whose stream depends on this one's seed and `salt`, not on how much this one was used. */
  fork(salt: number): Rng;
}

/**
 * mulberry32: a 32-bit state generator, fast and good enough for synthetic
 * data (period 2^32, far above the ~10^8 draws of a national-scale run).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed and a salt into a new 32-bit seed (splitmix-style finaliser). */
export function mixSeed(seed: number, salt: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(salt >>> 0, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d);
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Running sums of `weights`, the form `Rng.weighted` draws from. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    if (!(w >= 0)) throw new RangeError(`weight ${i} must be a non-negative number, got ${w}`);
    sum += w;
    out[i] = sum;
  });
  if (sum <= 0) throw new RangeError("weights must not all be zero");
  return out;
}

/** Creates the seeded generator used everywhere in the sample generator. */
export function createRng(seed: number): Rng {
  const uniform = mulberry32(seed);
  // Box-Muller yields normals in pairs; keep the second for the next call.
  let spare: number | undefined;
  const rng: Rng = {
    next: uniform,
    int: (min, max) => min + Math.floor(uniform() * (max - min + 1)),
    chance: (p) => uniform() < p,
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      const u1 = 1 - uniform(); // (0, 1]: log(0) never happens
      const u2 = uniform();
      const r = Math.sqrt(-2 * Math.log(u1));
      spare = r * Math.sin(2 * Math.PI * u2);
      return r * Math.cos(2 * Math.PI * u2);
    },
    logNormal: (mu, sigma) => Math.exp(mu + sigma * rng.normal()),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError("pick from an empty array");
      return items[Math.floor(uniform() * items.length)] as T;
    },
    weighted(cum) {
      const total = cum[cum.length - 1] ?? 0;
      const x = uniform() * total;
      // Binary search: the first running sum above x.
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cum[mid] as number) > x) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
    fork: (salt) => createRng(mixSeed(seed, salt)),
  };
  return rng;
}
