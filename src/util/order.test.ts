import { describe, expect, it } from "vitest";
import { byCodePoint, byCodeUnit } from "./order.js";

describe("byCodeUnit", () => {
  it("sorts as strings, not numbers: leading zeros and lengths matter", () => {
    expect(["14", "000014", "9", "4B", "11"].sort(byCodeUnit)).toEqual(["000014", "11", "14", "4B", "9"]);
  });
  it("is 0 for equal strings", () => {
    expect(byCodeUnit("4B", "4B")).toBe(0);
  });
  it("puts an astral character before U+FFFD (its surrogate is smaller)", () => {
    expect(["\uFFFD", "\u{1F600}"].sort(byCodeUnit)).toEqual(["\u{1F600}", "\uFFFD"]);
  });
});

describe("byCodePoint", () => {
  it("puts an astral character after U+FFFD, as Python does", () => {
    expect(["\u{1F600}", "\uFFFD", "a"].sort(byCodePoint)).toEqual(["a", "\uFFFD", "\u{1F600}"]);
  });
  it("puts a prefix first", () => {
    expect(["ab", "a"].sort(byCodePoint)).toEqual(["a", "ab"]);
  });
});
