import { describe, expect, it } from "vitest";
import { allItemCounts, commonItems } from "./common-items.js";
import { tableFromRows } from "../../../test/support/tables.js";

describe("commonItems", () => {
  // One budget line per (segment, item) entry, each line its own all_items row (distinct cities).
  const budget = (rows: [string, number][]) =>
    tableFromRows(
      "planilha_orcamentaria",
      rows.map(([idSegmento, idPlanilhaItens], i) => ({
        PRONAC: "1",
        idSegmento,
        idPlanilhaItens,
        idPronac: 1,
        UfItem: "DF",
        idProduto: 0,
        cdCidade: i,
        cdEtapa: 1,
      })),
    );
  const common = (rows: [string, number][]) =>
    commonItems(allItemCounts(budget(rows)))
      .sort(["segment", "item"])
      .toRecords()
      .map((r) => `${r.segment}:${r.item}`);

  it("breaks ties by the smaller id, as numbers (9 before 10 before 100)", () => {
    // 9, 10 and 100 have 3 rows each, 5 has 1: the top 2 are 9 and 10.
    const rows: [string, number][] = [5, 9, 9, 9, 10, 10, 10, 100, 100, 100].map((id) => ["11", id]);
    expect(common(rows)).toEqual(["11:9", "11:10"]);
  });
  it("takes floor(10%) of the segment's distinct items when that exceeds 2", () => {
    // 30 distinct items → 3 common; 27–30 have 2 rows, the others 1 → 27, 28, 29.
    const rows: [string, number][] = [];
    for (let id = 1; id <= 30; id++) rows.push(["4B", id]);
    for (let id = 27; id <= 30; id++) rows.push(["4B", id]);
    // 29 distinct items in "6E" → max(2, 2) = 2; 1 and 2 have 2 rows.
    for (let id = 1; id <= 29; id++) rows.push(["6E", id]);
    rows.push(["6E", 1], ["6E", 2], ["6E", 3]);
    rows.push(["6E", 1]);
    expect(common(rows)).toEqual(["4B:27", "4B:28", "4B:29", "6E:1", "6E:2"]);
  });
});

describe("allItemCounts", () => {
  it("counts distinct all_items rows per (PRONAC, idSegmento, idPlanilhaItens)", () => {
    const base = { PRONAC: "1", idSegmento: "11", idPlanilhaItens: 7, idPronac: 1, UfItem: "DF", idProduto: 0, cdCidade: 5, cdEtapa: 2 };
    const budget = tableFromRows("planilha_orcamentaria", [
      { ...base, Item: "Cachê", VlTotalAprovado: 10 },
      { ...base, Item: "Cache", VlTotalAprovado: 99 }, // differs only outside all_items: same row
      { ...base, cdCidade: 6, Item: "Cachê", VlTotalAprovado: 10 },
      { ...base, cdCidade: null, Item: "Cachê", VlTotalAprovado: 10 }, // a null is a value of its own
      { ...base, cdCidade: null, Item: "Cachê", VlTotalAprovado: 10 },
      { ...base, PRONAC: "000001", Item: "Cachê", VlTotalAprovado: 10 },
      { ...base, idPlanilhaItens: null, Item: "Cachê", VlTotalAprovado: 10 },
      { ...base, PRONAC: null, Item: "Cachê", VlTotalAprovado: 10 },
    ]);
    const rows = allItemCounts(budget).sort(["PRONAC", "idPlanilhaItens"]).toRecords();
    expect(rows).toEqual([
      { PRONAC: "000001", idSegmento: "11", idPlanilhaItens: 7, rows: 1 },
      { PRONAC: "1", idSegmento: "11", idPlanilhaItens: null, rows: 1 },
      { PRONAC: "1", idSegmento: "11", idPlanilhaItens: 7, rows: 3 },
    ]);
  });
});
