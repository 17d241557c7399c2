import { describe, expect, it } from "vitest";
import { outlierWeights, weightedComplexity } from "./complexity.js";
import type { MetricId, MetricResult, MetricResults } from "../types.js";

const result = (is_outlier: boolean): MetricResult => ({
  valor: 1,
  is_outlier,
  valor_valido: true,
  minimo_esperado: null,
  maximo_esperado: null,
});

describe("weightedComplexity", () => {
  it("is round(10 · outlier weight / total weight, 1)", () => {
    expect(weightedComplexity(0, 22)).toBe(0);
    expect(weightedComplexity(3, 22)).toBe(1.4); // 30/22 = 1.3636…
    expect(weightedComplexity(5, 20)).toBe(2.5);
    expect(weightedComplexity(22, 22)).toBe(10);
  });
  it("rounds an exact tie to even as Python does", () => {
    expect(weightedComplexity(1, 40)).toBe(0.2); // 10/40 = 0.25 exactly → 0.2
    expect(weightedComplexity(3, 40)).toBe(0.8); // 0.75 → 0.8
  });
  it("is 0 without weights", () => {
    expect(weightedComplexity(0, 0)).toBe(0);
  });
});

describe("outlierWeights", () => {
  it("adds the weights of each project's outlier metrics, ignoring unweighted and unknown ones", () => {
    const results = new Map<MetricId, MetricResults>([
      ["valor_a_ser_comprovado", new Map([["1", result(true)], ["2", result(false)]])],
      ["itens_orcamentarios", new Map([["1", result(true)], ["3", result(true)]])],
      ["valor_aprovado", new Map([["2", result(true)]])],
    ]);
    const weights = new Map<MetricId, number>([
      ["valor_a_ser_comprovado", 5],
      ["itens_orcamentarios", 1],
      ["valor_aprovado", 0],
    ]);
    const { byProject, total } = outlierWeights(results, weights);
    expect(total).toBe(6);
    expect(Object.fromEntries(byProject)).toEqual({ "1": 6, "3": 1 });
  });
});
