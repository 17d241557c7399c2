import { describe, expect, it } from "vitest";
import { stringifySorted } from "./json.js";

describe("stringifySorted", () => {
  it("writes like Jupyter: sorted keys, one-space indent, empty containers inline", () => {
    expect(stringifySorted({ b: [1, "x"], a: {}, c: [] })).toBe('{\n "a": {},\n "b": [\n  1,\n  "x"\n ],\n "c": []\n}');
  });

  it("sorts integer-like keys as strings (\"10\" before \"9\"), unlike JS object order", () => {
    expect(stringifySorted({ "9": 1, "10": 2, "000014": 3 })).toBe('{\n "000014": 3,\n "10": 2,\n "9": 1\n}');
  });

  it("keeps non-ASCII text as is and drops undefined members", () => {
    expect(stringifySorted({ t: "ção", u: undefined })).toBe('{\n "t": "ção"\n}');
  });
});
