import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { withGaussianRule } from "./gaussian.js";

function judged(tail: "right" | "left", rows: [number, number, number | null][]) {
  const df = pl.DataFrame([
    pl.Series("valor", rows.map((r) => r[0]), pl.Float64),
    pl.Series("mean", rows.map((r) => r[1]), pl.Float64),
    pl.Series("std", rows.map((r) => r[2]), pl.Float64),
  ]);
  return withGaussianRule(df, tail)
    .select("threshold", "is_outlier")
    .toRecords();
}

describe("Gaussian rule", () => {
  it("right tail: maximum mean + 1.5·std, outlier strictly above it", () => {
    // mean 4, std 2 → maximum 4 + 3 = 7.
    expect(judged("right", [[7, 4, 2], [7.5, 4, 2], [1, 4, 2]])).toEqual([
      { threshold: 7, is_outlier: false },
      { threshold: 7, is_outlier: true },
      { threshold: 7, is_outlier: false },
    ]);
  });
  it("left tail: minimum mean − 1.5·std, outlier strictly below it", () => {
    // mean 4, std 2 → minimum 4 − 3 = 1.
    expect(judged("left", [[1, 4, 2], [0.5, 4, 2], [9, 4, 2]])).toEqual([
      { threshold: 1, is_outlier: false },
      { threshold: 1, is_outlier: true },
      { threshold: 1, is_outlier: false },
    ]);
  });
  it("an undefined std gives no threshold and no outlier", () => {
    expect(judged("right", [[1000, 4, null]])).toEqual([{ threshold: null, is_outlier: false }]);
    expect(judged("left", [[-1000, 4, null]])).toEqual([{ threshold: null, is_outlier: false }]);
  });
  it("std 0: a value equal to the mean is not an outlier, any value above is", () => {
    expect(judged("right", [[5, 5, 0], [5.000001, 5, 0]])).toEqual([
      { threshold: 5, is_outlier: false },
      { threshold: 5, is_outlier: true },
    ]);
  });
});
