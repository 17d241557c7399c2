import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../test/support/tables.js";
import { valorComprovado } from "./valor-comprovado.js";

const link = (PRONAC: string, idSegmento: string, vlComprovacao: number | null) => ({ PRONAC, idSegmento, vlComprovacao });

const table = tableFromRows("planilha_comprovacao", [
  // Segment "11": A proves 0.1 + 0.2, B–E prove 0.3 each. Exactly, all five are 0.30:
  // mean 0.3, std 0, maximum 0.3, no outlier. (In float, A = 0.30000000000000004 would lie
  // above mean + 1.5·std of the five and be flagged.)
  link("A", "11", 0.1),
  link("A", "11", 0.2),
  link("B", "11", 0.3),
  link("C", "11", 0.3),
  link("D", "11", 0.3),
  link("E", "11", 0.3),
  // Segment "4B": one project, sample std undefined.
  link("F", "4B", 1234.565),
  link("F", "4B", null),
]);
const results = valorComprovado.compute({ planilha_comprovacao: table }, new Map());

describe("valor_comprovado", () => {
  it("sums exactly to the cent: 0.1 + 0.2 is 0.30 and equal values are not outliers", () => {
    expect(results.get("A")).toEqual({
      valor: 0.3,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: null,
      maximo_esperado: 0.3,
    });
  });
  it("a project alone in its segment has no maximum (sample std) and reports money to 2 decimals", () => {
    // 1234.565 rounds half to even at the cent → 1234.56; a null value adds nothing.
    expect(results.get("F")).toEqual({
      valor: 1234.56,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: null,
      maximo_esperado: null,
    });
  });
});
