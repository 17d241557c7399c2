import { describe, expect, it } from "vitest";
import { shownValue } from "./report.js";

describe("shownValue", () => {
  it("writes a value as JSON", () => {
    expect(shownValue({ valor: 1.5, is_outlier: true }, 80)).toBe('{"valor":1.5,"is_outlier":true}');
    expect(shownValue(undefined, 80)).toBe("(absent)");
  });
  it("masks the tax ids of a detail, as everything shown does (LGPD)", () => {
    expect(shownValue([{ nome: "Fulano", cnpj: "35387692928" }, { cnpj: "12.345.678/0001-90" }], 200)).toBe(
      '[{"nome":"Fulano","cnpj":"***.***.929-**"},{"cnpj":"**.***.678/****-**"}]',
    );
  });
  it("masks before clipping, so that no unmasked part of a tax id is left at the cut", () => {
    expect(shownValue({ cnpj: "35387692928" }, 20)).toBe('{"cnpj":"***.***.92…');
  });
});
