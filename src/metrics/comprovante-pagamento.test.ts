import { describe, expect, it } from "vitest";
import { comprovantePagamento } from "./comprovante-pagamento.js";
import { tableFromRows } from "../../test/support/tables.js";

const link = (PRONAC: string, idSegmento: string, idComprovantePagamento: number | null) => ({
  PRONAC,
  idSegmento,
  idComprovantePagamento,
});

const table = tableFromRows("planilha_comprovacao", [
  // Segment "11": 1, 1, 1 and 5 distinct receipts → mean 2, population std sqrt(12/4) = 1.7320…
  // → maximum 2 + 1.5·1.7320… = 4.5981 (the sample std, 2, would give exactly 5: not an outlier).
  link("A", "11", 1),
  link("B", "11", 2),
  link("C", "11", 3),
  link("D", "11", 10),
  link("D", "11", 10), // one receipt linked to two budget lines counts once
  link("D", "11", 11),
  link("D", "11", 12),
  link("D", "11", 13),
  link("D", "11", 14),
  link("D", "11", null), // a row without a receipt id is no receipt
  // Segment "4B": a single project; the population std of one value is 0.
  link("E", "4B", 20),
  link("E", "4B", 21),
]);
const results = comprovantePagamento.compute({ planilha_comprovacao: table }, new Map());

describe("comprovante_pagamento", () => {
  it("counts distinct receipt ids, not rows, and not null ids", () => {
    expect(results.get("D")?.valor).toBe(5);
    expect(results.get("A")?.valor).toBe(1);
  });
  it("uses the population std (n): 5 > 4.598 is an outlier", () => {
    const d = results.get("D")!;
    expect(d.is_outlier).toBe(true);
    expect(d.minimo_esperado).toBe(0);
    expect(d.maximo_esperado).toBeCloseTo(4.598076211353316, 12);
    expect(results.get("A")?.is_outlier).toBe(false);
  });
  it("a project alone in its segment: population std 0, maximum = its own value, not an outlier", () => {
    expect(results.get("E")).toEqual({
      valor: 2,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: 2,
    });
  });
});
