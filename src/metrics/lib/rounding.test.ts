import { describe, expect, it } from "vitest";
import { roundHalfEven } from "./rounding.js";

describe("roundHalfEven (Python's round)", () => {
  it("rounds exact binary ties to the even neighbour", () => {
    // 0.25 and 0.75 are exact doubles: ties at one decimal.
    expect(roundHalfEven(0.25, 1)).toBe(0.2);
    expect(roundHalfEven(0.75, 1)).toBe(0.8);
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(roundHalfEven(-2.5)).toBe(-2);
    expect(roundHalfEven(-0.25, 1)).toBe(-0.2);
  });
  it("rounds values that only look like ties by their stored binary value", () => {
    // 0.35 is stored as 0.34999999999999997…, 0.45 as 0.450000000000000011…
    expect(roundHalfEven(0.35, 1)).toBe(0.3);
    expect(roundHalfEven(0.45, 1)).toBe(0.5);
    expect(roundHalfEven(2.675, 2)).toBe(2.67);
  });
  it("rounds ordinary values to the nearest", () => {
    // 10·3/22 = 1.3636… → 1.4; 10·7/22 = 3.1818… → 3.2
    expect(roundHalfEven((10 * 3) / 22, 1)).toBe(1.4);
    expect(roundHalfEven((10 * 7) / 22, 1)).toBe(3.2);
    expect(roundHalfEven(10, 1)).toBe(10);
  });
  it("rejects a negative number of digits", () => {
    expect(() => roundHalfEven(1.5, -1)).toThrow(/digits/);
  });
});
