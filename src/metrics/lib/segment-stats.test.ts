import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { groupStatistics, segmentStatistics } from "./segment-stats.js";

function values(segments: (string | null)[], valor: (number | null)[], dtype: pl.DataType = pl.Float64): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("pronac", segments.map((_, i) => String(i))),
    pl.Series("segment", segments, pl.Utf8),
    pl.Series("valor", valor, dtype),
  ]);
}

function bySegment(df: pl.DataFrame): Record<string, { n: number; mean: number; std: number | null }> {
  return Object.fromEntries(
    df.toRecords().map((r) => [r.segment as string, { n: r.n as number, mean: r.mean as number, std: r.std as number | null }]),
  );
}

describe("segmentStatistics", () => {
  // Segment "11": 2, 4, 6 → mean 4, squared deviations 4 + 0 + 4 = 8.
  const df = values(["11", "11", "11"], [2, 4, 6]);
  it("uses n − 1 for the sample std: sqrt(8 / 2) = 2", () => {
    expect(bySegment(segmentStatistics(df, "sample"))).toEqual({ "11": { n: 3, mean: 4, std: 2 } });
  });
  it("uses n for the population std: sqrt(8 / 3) = 1.632993161855452…", () => {
    const stats = bySegment(segmentStatistics(df, "population"))["11"]!;
    expect(stats.mean).toBe(4);
    expect(stats.std).toBeCloseTo(1.6329931618554521, 15);
  });
  it("leaves the sample std of a one-project segment undefined (null); the population std is 0", () => {
    const one = values(["4B"], [7]);
    expect(bySegment(segmentStatistics(one, "sample"))).toEqual({ "4B": { n: 1, mean: 7, std: null } });
    expect(bySegment(segmentStatistics(one, "population"))).toEqual({ "4B": { n: 1, mean: 7, std: 0 } });
  });
  it("takes the mean of micro-reais from their exact Int64 sum", () => {
    // 0.1 + 0.2 + 0.3 reais = 600000 micro-reais exactly; mean 200000, deviations ±100000.
    const money = values(["11", "11", "11"], [100000, 200000, 300000], pl.Int64);
    expect(bySegment(segmentStatistics(money, "sample"))).toEqual({ "11": { n: 3, mean: 200000, std: 100000 } });
  });
  it("gives std exactly 0 when every project has the same value", () => {
    const same = values(["11", "11", "11", "11", "11"], [300000, 300000, 300000, 300000, 300000], pl.Int64);
    expect(bySegment(segmentStatistics(same, "sample"))).toEqual({ "11": { n: 5, mean: 300000, std: 0 } });
  });
  it("leaves out rows without a segment or a value, and keeps segments apart", () => {
    // "11": 1, 3 → mean 2, sample std sqrt(2 / 1); "6E": 10 alone.
    const mixed = values(["11", null, "11", "6E", "6E"], [1, 100, 3, 10, null]);
    const stats = bySegment(segmentStatistics(mixed, "sample"));
    expect(Object.keys(stats).sort()).toEqual(["11", "6E"]);
    expect(stats["11"]!.mean).toBe(2);
    expect(stats["11"]!.std).toBeCloseTo(Math.SQRT2, 15);
    expect(stats["6E"]).toEqual({ n: 1, mean: 10, std: null });
  });
});

describe("segment statistics are deterministic", () => {
  it("takes the mean from the exact sum: 1e16, 1, −1e16, 1 → 2 / 4 = 0.5 (left to right would give 1 / 4)", () => {
    const df = values(["11", "11", "11", "11"], [1e16, 1, -1e16, 1]);
    expect(bySegment(segmentStatistics(df, "population"))["11"]!.mean).toBe(0.5);
  });
  it("gives bit-identical mean and std whatever the order of the projects", () => {
    // Ratios whose naive float sum depends on the order: 0.1 + 0.2 + 0.3 is 0.6000000000000001, 0.3 + 0.2 + 0.1 is 0.6.
    // Exact: sum 0.6 (the double nearest, 0.59999999999999997…) / 3 → 0.19999999999999998 (the forward naive sum
    // would give 0.20000000000000004); deviations ≈ 0.1, 0, 0.1 → population std ≈ sqrt(0.02 / 3).
    const forward = bySegment(segmentStatistics(values(["6E", "6E", "6E"], [0.1, 0.2, 0.3]), "population"))["6E"]!;
    const backward = bySegment(segmentStatistics(values(["6E", "6E", "6E"], [0.3, 0.2, 0.1]), "population"))["6E"]!;
    expect(forward.mean).toBe(0.19999999999999998);
    expect(backward).toEqual(forward);
    expect(forward.std).toBeCloseTo(Math.sqrt(0.02 / 3), 15);
  });
});

describe("groupStatistics", () => {
  it("groups by several keys, one row per group sorted by the keys", () => {
    const df = pl.DataFrame([
      pl.Series("segment", ["4B", "11", "11", "11"]),
      pl.Series("item", [7, 8, 7, 7], pl.Int64),
      pl.Series("valor", [1, 5, 10, 30], pl.Int64),
    ]);
    const stats = groupStatistics(df, ["segment", "item"], "population").toRecords();
    // (11, 7): 10, 30 → mean 20, population std sqrt((100 + 100) / 2) = 10.
    expect(stats).toEqual([
      { segment: "11", item: 7, n: 2, mean: 20, std: 10 },
      { segment: "11", item: 8, n: 1, mean: 5, std: 0 },
      { segment: "4B", item: 7, n: 1, mean: 1, std: 0 },
    ]);
  });
});
