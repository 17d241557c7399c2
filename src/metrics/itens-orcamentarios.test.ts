import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../test/support/tables.js";
import { itensOrcamentarios } from "./itens-orcamentarios.js";

/** `n` budget lines of a project in a segment. */
const lines = (pronac: string, idSegmento: string, n: number) =>
  Array.from({ length: n }, () => ({ PRONAC: pronac, idSegmento }));

const table = tableFromRows("planilha_orcamentaria", [
  // Segment "11": 1, 1, 1, 5 lines → mean 2, squared deviations 1+1+1+9 = 12,
  // sample std sqrt(12/3) = 2 → maximum 2 + 1.5·2 = 5 (population std would give 4.598…).
  ...lines("P1", "11", 1),
  ...lines("P2", "11", 1),
  ...lines("P3", "11", 1),
  ...lines("P4", "11", 5),
  // Segment "2A": 1, 1, 1, 1, 10 → mean 2.8, sample std sqrt(64.8/4) = 4.0249…, maximum 8.8373…
  ...lines("Q1", "2A", 1),
  ...lines("Q2", "2A", 1),
  ...lines("Q3", "2A", 1),
  ...lines("Q4", "2A", 1),
  ...lines("Q5", "2A", 10),
  // Segment "4B": "000014" (2 lines) and "14" (1 line) are two projects.
  ...lines("000014", "4B", 2),
  ...lines("14", "4B", 1),
  // "9": 2 lines in "6E", 1 in "11" → segment "6E", where it is alone.
  ...lines("9", "6E", 2),
  ...lines("9", "11", 1),
]);
const results = itensOrcamentarios.compute({ planilha_orcamentaria: table }, new Map());

describe("itens_orcamentarios", () => {
  it("counts the project's budget lines", () => {
    expect(results.get("P4")?.valor).toBe(5);
    expect(results.get("9")?.valor).toBe(3);
  });
  it("uses the sample std (n − 1): a value equal to the maximum 5 is not an outlier", () => {
    expect(results.get("P4")).toEqual({
      valor: 5,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: 5,
      desvio_padrao: 2,
    });
  });
  it("flags a project above mean + 1.5·std of its segment", () => {
    const q5 = results.get("Q5")!;
    expect(q5.is_outlier).toBe(true);
    expect(q5.maximo_esperado).toBeCloseTo(8.837383539249432, 12);
    expect(q5.desvio_padrao).toBeCloseTo(4.024922359499621, 12);
    expect(results.get("Q1")?.is_outlier).toBe(false);
  });
  it("keeps PRONAC \"000014\" and \"14\" apart", () => {
    expect(results.get("000014")?.valor).toBe(2);
    expect(results.get("14")?.valor).toBe(1);
    // mean 1.5, sample std sqrt(0.5) → maximum 1.5 + 1.5·0.7071… = 2.5607
    expect(results.get("14")?.maximo_esperado).toBeCloseTo(2.5606601717798214, 12);
  });
  it("a project alone in its segment has no maximum (sample std undefined) and is not an outlier", () => {
    expect(results.get("9")).toEqual({
      valor: 3,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: null,
      desvio_padrao: null,
    });
  });
  it("computes every PRONAC of the table and no other", () => {
    expect([...results.keys()].sort()).toEqual(["000014", "14", "9", "P1", "P2", "P3", "P4", "Q1", "Q2", "Q3", "Q4", "Q5"]);
  });
});
