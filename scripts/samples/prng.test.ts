import { describe, expect, it } from "vitest";
import { createRng, cumulative, mulberry32 } from "./prng.js";

describe("mulberry32", () => {
  it("matches the reference algorithm's first outputs for seeds 42 and 0", () => {
    // Reference values from an independent Python port of mulberry32.
    const a = mulberry32(42);
    expect([a(), a(), a()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    const b = mulberry32(0);
    expect([b(), b()]).toEqual([0.26642920868471265, 0.0003297457005828619]);
  });
});

describe("createRng", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const draw = (seed: number) => {
      const r = createRng(seed);
      return [r.next(), r.int(1, 100), r.normal(), r.normal(), r.logNormal(0, 1), r.pick(["a", "b", "c"])];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("int stays within both bounds and reaches each of them", () => {
    const r = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("normal draws have mean near 0 and std near 1", () => {
    const r = createRng(3);
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(s2 / n - mean * mean) - 1)).toBeLessThan(0.03);
  });

  it("weighted never picks a zero-weight index and follows the weights", () => {
    const r = createRng(5);
    const counts = [0, 0, 0];
    const cum = cumulative([1, 0, 3]);
    for (let i = 0; i < 8000; i++) counts[r.weighted(cum)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.6);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.4);
  });

  it("fork depends on the seed and salt, not on draws already made", () => {
    const a = createRng(9);
    const b = createRng(9);
    b.next();
    b.next();
    expect(a.fork(2).next()).toBe(b.fork(2).next());
    expect(a.fork(2).next()).not.toBe(a.fork(3).next());
  });

  it("cumulative rejects negative weights", () => {
    expect(() => cumulative([1, -1])).toThrow(/weight 1/);
  });
});
