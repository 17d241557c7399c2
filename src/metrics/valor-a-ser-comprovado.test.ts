import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../test/support/tables.js";
import { valorASerComprovado } from "./valor-a-ser-comprovado.js";

const raised = (Pronac: string, CaptacaoReal: number) => ({ Pronac, Segmento: "11", CaptacaoReal });
const proven = (PRONAC: string, vlComprovacao: number) => ({ PRONAC, idSegmento: "11", vlComprovacao });

const tables = {
  planilha_captacao: tableFromRows("planilha_captacao", [
    raised("A", 0.3),
    raised("B", 1000),
    raised("B", 500.5),
    raised("C", 10),
    raised("000014", 50),
    raised("E", 10.001),
  ]),
  planilha_comprovacao: tableFromRows("planilha_comprovacao", [
    proven("A", 0.1),
    proven("A", 0.2),
    proven("C", 7.5),
    proven("C", 5),
    proven("14", 50), // proves for "14", not for "000014"
    proven("E", 10),
    proven("F", 99), // proven without raised funds: not available
  ]),
};
const results = valorASerComprovado.compute(tables, new Map());

describe("valor_a_ser_comprovado", () => {
  it("is exactly 0 and not flagged when raised 0.3 = proven 0.1 + 0.2", () => {
    expect(results.get("A")).toEqual({
      valor: 0,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: 0,
      valor_captado: 0.3,
      valor_comprovado: 0.3,
    });
  });
  it("flags raised funds not proven (proven 0 when the project has no receipt)", () => {
    expect(results.get("B")).toMatchObject({ valor: 1500.5, is_outlier: true, valor_captado: 1500.5, valor_comprovado: 0 });
  });
  it("may be negative when more was proven than raised, and is flagged", () => {
    // 10 − (7.5 + 5) = −2.5
    expect(results.get("C")).toMatchObject({ valor: -2.5, is_outlier: true, valor_comprovado: 12.5 });
  });
  it("matches receipts by the PRONAC string: \"14\"'s proof does not count for \"000014\"", () => {
    expect(results.get("000014")).toMatchObject({ valor: 50, is_outlier: true, valor_comprovado: 0 });
    expect(results.has("14")).toBe(false);
  });
  it("decides at the cent: 10.001 raised − 10 proven reports 0.00 and is not flagged", () => {
    expect(results.get("E")).toMatchObject({ valor: 0, is_outlier: false, valor_captado: 10, valor_comprovado: 10 });
  });
  it("computes only projects with raised funds", () => {
    expect([...results.keys()].sort()).toEqual(["000014", "A", "B", "C", "E"]);
  });
});
