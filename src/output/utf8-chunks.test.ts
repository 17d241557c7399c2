import { describe, expect, it } from "vitest";
import { utf8Chunks } from "./utf8-chunks.js";

describe("utf8Chunks", () => {
  it("packs texts into buffers no larger than the size, UTF-8 encoded, in order", () => {
    // "ê" is 2 bytes, "€" 3, "𝄞" (a surrogate pair) 4: worst cases are budgeted at 3 bytes per code unit.
    const chunks = [...utf8Chunks(["abc", "ê€", "𝄞", "xyz"], 12)].map((b) => b.toString("utf8"));
    // "abc" uses 3 bytes; "ê€" (budget 6) fits: 8 bytes used; "𝄞" (budget 6) could pass 12: new
    // chunk with its 4 bytes; "xyz" (budget 9) could pass 12: new chunk.
    expect(chunks).toEqual(["abcê€", "𝄞", "xyz"]);
  });

  it("gives a text larger than the size a buffer of its own", () => {
    const chunks = [...utf8Chunks(["ab", "0123456789", "c"], 12)].map((b) => b.toString("utf8"));
    expect(chunks).toEqual(["ab", "0123456789", "c"]);
  });

  it("yields nothing for no text", () => {
    expect([...utf8Chunks([], 12)]).toEqual([]);
  });
});
