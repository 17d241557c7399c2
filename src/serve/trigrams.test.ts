import { describe, expect, it } from "vitest";
import { textColumn } from "./packed-text.js";
import { buildTrigramIndex, TrigramSearch } from "./trigrams.js";

const texts = ["festival de musica", "musical infantil", "abcxbcd", "teatro", "mus"];

describe("buildTrigramIndex", () => {
  it("lists each text once per trigram, positions ascending, keys sorted", () => {
    const index = buildTrigramIndex(["aaaa", "xaaa"]);
    expect(index.keys).toEqual(["aaa", "xaa"]);
    expect([...index.starts]).toEqual([0, 2, 3]);
    expect([...index.postings]).toEqual([0, 1, 1]);
  });
});

describe("TrigramSearch", () => {
  const search = new TrigramSearch(buildTrigramIndex(texts), textColumn(texts));

  it("finds every text containing the needle", () => {
    expect([...search.find("musica")!]).toEqual([0, 1]);
    expect([...search.find("mus")!]).toEqual([0, 1, 4]);
    expect([...search.find("de musica")!]).toEqual([0]);
  });

  it("checks candidates: having all the trigrams is not containing the needle", () => {
    expect([...search.find("abcd")!]).toEqual([]);
    expect([...search.find("xbcd")!]).toEqual([2]);
  });

  it("finds nothing when a trigram is unknown, and declines needles under 3 characters", () => {
    expect([...search.find("zzz")!]).toEqual([]);
    expect(search.find("mu")).toBeUndefined();
  });
});
