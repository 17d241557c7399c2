import { describe, expect, it } from "vitest";
import { exactSum } from "./exact-sum.js";

describe("exactSum", () => {
  it("gives the exact sum 2 for [1e16, 1, -1e16, 1] (left to right gives 1: 1e16 + 1 rounds back to 1e16)", () => {
    expect(exactSum([1e16, 1, -1e16, 1])).toBe(2);
  });
  it("gives the same sum in every order of the values", () => {
    expect(exactSum([1, 1, 1e16, -1e16])).toBe(2);
    expect(exactSum([-1e16, 1, 1e16, 1])).toBe(2);
  });
  it("sums 0.1 + 0.2 + 0.3 to the double nearest 0.6 (0.6, not 0.6000000000000001)", () => {
    expect(exactSum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(exactSum([0.3, 0.2, 0.1])).toBe(0.6);
  });
  it("rounds a half-ulp remainder by the sign of the smaller partials ([1e16, 1, 1e-10] is above the tie: 1e16 + 2)", () => {
    // 1e16 + 1 is a tie between 1e16 and 1e16 + 2; the extra 1e-10 breaks it upwards.
    expect(exactSum([1e16, 1, 1e-10])).toBe(1e16 + 2);
    expect(exactSum([1e16, 1])).toBe(1e16);
  });
  it("sums a sub-range [start, end) and gives 0 for an empty one", () => {
    expect(exactSum([100, 1, 2, 100], 1, 3)).toBe(3);
    expect(exactSum([5], 1, 1)).toBe(0);
  });
});
