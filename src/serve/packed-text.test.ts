import { describe, expect, it } from "vitest";
import { PackedText, textColumn } from "./packed-text.js";

describe("PackedText", () => {
  const texts = ["festival de musica", "", "acao cultural", "musica", "a\0b"];
  const column = textColumn(texts);

  it("gives back every text, empty ones and multi-byte ones included", () => {
    expect(column.length).toBe(5);
    expect(Array.from({ length: column.length }, (_, i) => column.get(i))).toEqual(["festival de musica", "", "acao cultural", "musica", "a b"]);
    const accented = textColumn(["Ação", "São João"]);
    expect([accented.get(0), accented.get(1)]).toEqual(["Ação", "São João"]);
  });

  it("packs texts joined by NUL with the start of each", () => {
    const { bytes, starts } = PackedText.pack(["ab", "", "c"]);
    expect([...bytes]).toEqual([97, 98, 0, 0, 99]);
    expect([...starts]).toEqual([0, 3, 4, 6]);
  });

  it("finds each text containing a needle once, in order, never across two texts", () => {
    expect([...column.containing("musica")]).toEqual([0, 3]);
    expect([...column.containing("a")]).toEqual([0, 2, 3, 4]);
    expect([...column.containing("ca")]).toEqual([0, 2, 3]);
    expect([...column.containing("musicaacao")]).toEqual([]);
    expect([...column.containing("a\0b")]).toEqual([]);
    expect([...textColumn(["Ação", "São João", "Sao"]).containing("ão")]).toEqual([0, 1]);
  });

  it("checks one text", () => {
    expect(column.includes(0, "de mus")).toBe(true);
    expect(column.includes(2, "musica")).toBe(false);
    expect(column.includes(1, "")).toBe(true);
  });
});
