import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../test/support/tables.js";
import { precoItens } from "./preco-itens.js";

const line = (PRONAC: string, idSegmento: string, idPlanilhaItens: number, VlUnitarioAprovado: number, DataProjeto: string) => ({
  PRONAC,
  idSegmento,
  idPlanilhaItens,
  VlUnitarioAprovado,
  DataProjeto,
});

const table = tableFromRows("planilha_orcamentaria", [
  // Reference prices of (11, 7): 10, 30, 10, 10 (dated ≥ 2013, price > 0) → mean 15,
  // population std sqrt((25 + 225 + 25 + 25)/4) = sqrt(75) = 8.66 → threshold 27.99.
  line("P1", "11", 7, 10, "2014-03-01"),
  line("P1", "11", 7, 30, "2014-03-01"), // overpriced
  line("P2", "11", 7, 10, "2014-03-01"),
  line("P2", "11", 7, 10, "2015-06-30"),
  line("P2", "11", 7, 100, "2012-12-31"), // too old to be a reference, still judged: overpriced
  line("P2", "11", 8, 50, "2012-12-31"), // (11, 8) has no reference price: not overpriced
  line("P2", "11", 7, 0, "2014-03-01"), // a zero price is no reference
  // The pair is the line's own segment: (4B, 7) has no reference price.
  line("P3", "4B", 7, 1000, "2012-01-01"),
  // (11, 9): nine references at 5 → mean 5, std 0: 5 is not overpriced, 5.01 is.
  ...Array.from({ length: 9 }, () => line("P4", "11", 9, 5, "2014-01-01")),
  line("P4", "11", 9, 5.01, "2012-01-01"),
  // A line dated 2013-01-01 is a reference: (11, 12) = [8] → 20 is above 8.
  line("P5", "11", 12, 8, "2013-01-01"),
  line("P6", "11", 12, 20, "2012-12-31"),
]);
const results = precoItens.compute({ planilha_orcamentaria: table }, new Map());

describe("preco_itens", () => {
  it("flags a project with more than 10% of its lines above mean + 1.5·population std", () => {
    expect(results.get("P1")).toEqual({
      valor: 1,
      is_outlier: true,
      valor_valido: true,
      minimo_esperado: null,
      maximo_esperado: 0.2,
      percentage: 0.5,
    });
  });
  it("judges every line of the project against reference prices of lines from 2013 on with a positive price", () => {
    // P2: only the 100 line is above 27.99 → 1 of 5 lines.
    expect(results.get("P2")).toMatchObject({ valor: 1, percentage: 0.2, is_outlier: true, maximo_esperado: 0.5 });
  });
  it("uses the line's own (segment, item) pair, and a pair without reference prices overprices nothing", () => {
    expect(results.get("P3")).toMatchObject({ valor: 0, percentage: 0, is_outlier: false, maximo_esperado: 0.1 });
  });
  it("a price equal to its threshold is not overpriced, and exactly 10% is not an outlier", () => {
    expect(results.get("P4")).toMatchObject({ valor: 1, percentage: 0.1, is_outlier: false, maximo_esperado: 1 });
  });
  it("counts lines dated 2013-01-01 as reference prices", () => {
    expect(results.get("P5")).toMatchObject({ valor: 0, is_outlier: false });
    expect(results.get("P6")).toMatchObject({ valor: 1, percentage: 1, is_outlier: true });
  });
});
