import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../test/support/tables.js";
import { itensComunsEIncomunsPorSegmento } from "./itens-comuns-e-incomuns.js";

const NAMES: Record<number, string> = { 9: "Cachê", 10: "Som", 100: "Palco", 5: "Luz" };

/** A budget line; lines differing only outside the all_items columns are one all_items row. */
const line = (PRONAC: string, idSegmento: string, idPlanilhaItens: number | null, extra: Record<string, string | number> = {}) => ({
  PRONAC,
  idSegmento,
  idPlanilhaItens,
  idPronac: 1,
  UfItem: "DF",
  idProduto: 0,
  cdCidade: 1,
  cdEtapa: 2,
  Item: idPlanilhaItens === null ? "Sem item" : (NAMES[idPlanilhaItens] ?? `item ${idPlanilhaItens}`),
  ...extra,
});

const twoCommon = (pronac: string) => [line(pronac, "11", 9), line(pronac, "11", 10)];

const table = tableFromRows("planilha_orcamentaria", [
  // Segment "11". all_items counts: 9 → 7 rows, 10 → 7, 100 → 3, 5 → 1; 4 distinct items,
  // so max(2, floor(4/10)) = 2 common items: 9 and 10.
  line("A", "11", 9),
  line("A", "11", 9, { UfItem: "SP", Item: "Cache" }), // another all_items row of item 9
  line("A", "11", 10),
  ...twoCommon("B"),
  line("C", "11", 10),
  line("C", "11", 100, { cdCidade: 1 }),
  line("C", "11", 100, { cdCidade: 2 }),
  line("D", "11", 100),
  line("D", "11", 5),
  line("D", "11", 100, { Item: "Palco" }), // identical all_items row: counted once
  ...twoCommon("E"),
  ...twoCommon("F"),
  ...twoCommon("G"),
  ...twoCommon("H"),
  // Segment "4B": X alone, its only item is the segment's common item.
  line("X", "4B", 9),
  // Segment "6E": Y's only line has no catalogue item, so "6E" has no common items.
  line("Y", "6E", null),
]);
const results = itensComunsEIncomunsPorSegmento.compute({ planilha_orcamentaria: table }, new Map());

// Ratios (common items found / all_items rows): A 2/3, B 1, C 1/3, D 0/2, E–H 1.
// mean 6/8 = 0.75; squared deviations (1 + 9 + 25 + 81 + 4·9)/144 = 152/144;
// population std sqrt(152/144/8) = sqrt(19)/12 = 0.3632…; minimum 0.75 − 0.5449 = 0.2051.
describe("itens_comuns_e_incomuns_por_segmento", () => {
  it("is the share of the segment's common items the project has per all_items row", () => {
    expect(results.get("A")?.valor).toBe(2 / 3);
    expect(results.get("B")?.valor).toBe(1);
    expect(results.get("C")?.valor).toBe(1 / 3);
  });
  it("uses the left tail with the population std: below mean − 1.5·std is an outlier", () => {
    const d = results.get("D")!;
    expect(d.valor).toBe(0);
    expect(d.is_outlier).toBe(true);
    expect(d.maximo_esperado).toBeNull();
    expect(d.minimo_esperado).toBeCloseTo(0.2051376320574158, 12);
    expect(d.media).toBeCloseTo(0.75, 15);
    expect(d.desvio_padrao).toBeCloseTo(0.36324157862838946, 12);
    expect(results.get("C")?.is_outlier).toBe(false);
  });
  it("lists the project's uncommon items and the common items it lacks, sorted by id, with item names", () => {
    expect(results.get("D")?.items_incomuns).toEqual([
      [5, { name: "Luz" }],
      [100, { name: "Palco" }],
    ]);
    expect(results.get("D")?.items_comuns_que_o_projeto_nao_possui).toEqual([
      [9, "Cachê"],
      [10, "Som"],
    ]);
    expect(results.get("C")?.items_incomuns).toEqual([[100, { name: "Palco" }]]);
    expect(results.get("C")?.items_comuns_que_o_projeto_nao_possui).toEqual([[9, "Cachê"]]);
    expect(results.get("A")?.items_incomuns).toEqual([]);
    expect(results.get("A")?.items_comuns_que_o_projeto_nao_possui).toEqual([]);
  });
  it("a value equal to its minimum (one project, std 0) is not an outlier", () => {
    expect(results.get("X")).toEqual({
      valor: 1,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: 1,
      maximo_esperado: null,
      media: 1,
      desvio_padrao: 0,
      items_incomuns: [],
      items_comuns_que_o_projeto_nao_possui: [],
    });
  });
  it("is 0 when the project's segment has no common items", () => {
    expect(results.get("Y")).toMatchObject({ valor: 0, is_outlier: false, items_incomuns: [] });
  });
});

describe("itens_comuns_e_incomuns_por_segmento, an item under two segments of a project", () => {
  it("counts each common item the project has once", () => {
    const budget = tableFromRows("planilha_orcamentaria", [
      // Z: segment "11" (2 rows of 3); items 9 and 10, 9 also filed under "4B".
      line("Z", "11", 9),
      line("Z", "4B", 9),
      line("Z", "11", 10),
    ]);
    // Segment "11" counts 9 → 1, 10 → 1: both common. Z has 2 of them over 3 all_items rows.
    const z = itensComunsEIncomunsPorSegmento.compute({ planilha_orcamentaria: budget }, new Map()).get("Z")!;
    expect(z.valor).toBe(2 / 3);
    expect(z.items_incomuns).toEqual([]);
    expect(z.items_comuns_que_o_projeto_nao_possui).toEqual([]);
  });
});
