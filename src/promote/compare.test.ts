import { describe, expect, it } from "vitest";
import { agrees, compareResults } from "./compare.js";

const tight = { abs: 1e-9, rel: 1e-9 };

describe("compareResults", () => {
  it("accepts numbers within abs + rel·|module|", () => {
    // |100.0000001 − 100| = 1e-7 ≤ 0 + 1e-6·100 = 1e-4
    const c = compareResults({ "1": { valor: 100.0000001 } }, { "1": { valor: 100 } }, { abs: 0, rel: 1e-6 });
    expect(agrees(c)).toBe(true);
    expect(c.compared).toBe(1);
    expect(c.maxAbsDiff).toBeCloseTo(1e-7, 12);
    expect(c.maxRelDiff).toBeCloseTo(1e-9, 14);
  });

  it("rejects a number off by more than its tolerance", () => {
    const c = compareResults({ "1": { maximo_esperado: 44.07 } }, { "1": { maximo_esperado: 44.06 } }, tight);
    expect(agrees(c)).toBe(false);
    expect(c.differences).toEqual([{ pronac: "1", field: "maximo_esperado", notebook: 44.07, module: 44.06 }]);
  });

  it("compares booleans, strings and null exactly", () => {
    const c = compareResults(
      { a: { is_outlier: true, nome: "x", maximo_esperado: null }, b: { maximo_esperado: null } },
      { a: { is_outlier: false, nome: "x", maximo_esperado: null }, b: { maximo_esperado: 0 } },
      { abs: 1, rel: 1 },
    );
    expect(c.differences.map((d) => `${d.pronac}.${d.field}`)).toEqual(["a.is_outlier", "b.maximo_esperado"]);
  });

  it("reports projects missing on either side, PRONAC \"000014\" distinct from \"14\"", () => {
    const c = compareResults({ "000014": { valor: 1 } }, { "14": { valor: 1 } }, tight);
    expect(c.onlyInNotebook).toEqual(["000014"]);
    expect(c.onlyInModule).toEqual(["14"]);
    expect(c.compared).toBe(0);
    expect(agrees(c)).toBe(false);
  });

  it("reports a field the module does not have", () => {
    const c = compareResults({ "1": { valr: 1 } }, { "1": { valor: 1 } }, tight);
    expect(c.differences).toEqual([{ pronac: "1", field: "valr", notebook: 1, module: undefined }]);
  });

  it("compares lists element by element with the number tolerance", () => {
    const ok = compareResults({ "1": { l: [1, { v: 2.0000000001 }] } }, { "1": { l: [1, { v: 2 }] } }, { abs: 1e-6, rel: 0 });
    const short = compareResults({ "1": { l: [1] } }, { "1": { l: [1, 2] } }, tight);
    expect(agrees(ok)).toBe(true);
    expect(agrees(short)).toBe(false);
  });

  it("never accepts NaN", () => {
    expect(agrees(compareResults({ "1": { v: Number.NaN } }, { "1": { v: Number.NaN } }, { abs: 1, rel: 1 }))).toBe(false);
  });
});
