import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../test/support/tables.js";
import { valorAprovado } from "./valor-aprovado.js";

const line = (PRONAC: string, idSegmento: string, VlTotalAprovado: number) => ({ PRONAC, idSegmento, VlTotalAprovado });

const table = tableFromRows("planilha_orcamentaria", [
  // Segment "11": 100, 100, 100, 100, 1000.50 (= 600.25 + 400.25).
  // mean 1400.5/5 = 280.1; squared deviations 4·180.1² + 720.4² = 648720.2;
  // sample std sqrt(648720.2/4) = 402.7158…; maximum 280.1 + 604.0738 = 884.1737… → 884.17.
  line("A", "11", 100),
  line("B", "11", 100),
  line("C", "11", 100),
  line("D", "11", 100),
  line("E", "11", 600.25),
  line("E", "11", 400.25),
]);
const results = valorAprovado.compute({ planilha_orcamentaria: table }, new Map());

describe("valor_aprovado", () => {
  it("sums VlTotalAprovado per project and flags a total above mean + 1.5·sample std", () => {
    expect(results.get("E")).toEqual({
      valor: 1000.5,
      is_outlier: true,
      valor_valido: true,
      minimo_esperado: null,
      maximo_esperado: 884.17,
    });
    expect(results.get("A")?.is_outlier).toBe(false);
    expect(results.get("A")?.maximo_esperado).toBe(884.17);
  });
});
