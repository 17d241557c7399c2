import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../../test/support/tables.js";
import { itemNames, projectSegments } from "./mode-by.js";

const rows = (pronac: string, ...segments: (string | null)[]) =>
  segments.map((idSegmento) => ({ PRONAC: pronac, idSegmento }));

function segmentsOf(table: pl.DataFrame): Record<string, string> {
  const df = projectSegments(table, "PRONAC", "idSegmento").sort("pronac");
  return Object.fromEntries(df.toRecords().map((r) => [r.pronac as string, r.segment as string]));
}

describe("projectSegments", () => {
  it("takes the most frequent segment of the project's rows", () => {
    const table = tableFromRows("planilha_orcamentaria", rows("1", "4B", "11", "4B"));
    expect(segmentsOf(table)).toEqual({ "1": "4B" });
  });
  it("breaks ties by the code that sorts first as a string (\"11\" before \"4B\", \"10\" before \"9\")", () => {
    const table = tableFromRows("planilha_orcamentaria", [
      ...rows("1", "4B", "11"),
      ...rows("2", "9", "10"),
      ...rows("3", "6E", "4B", "11", "11", "6E", "4B", "2A"),
    ]);
    expect(segmentsOf(table)).toEqual({ "1": "11", "2": "10", "3": "11" });
  });
  it("does not count null codes and leaves out a project without any code", () => {
    const table = tableFromRows("planilha_orcamentaria", [...rows("1", null, null, "6E"), ...rows("2", null)]);
    expect(segmentsOf(table)).toEqual({ "1": "6E" });
  });
  it("keeps PRONAC \"000014\" and \"14\" apart", () => {
    const table = tableFromRows("planilha_orcamentaria", [...rows("000014", "11"), ...rows("14", "4B")]);
    expect(segmentsOf(table)).toEqual({ "000014": "11", "14": "4B" });
  });
  it("reads another table's column names (planilha_captacao: Pronac, Segmento)", () => {
    const table = tableFromRows("planilha_captacao", [
      { Pronac: "7", Segmento: "2A" },
      { Pronac: "7", Segmento: "2A" },
      { Pronac: "7", Segmento: "11" },
    ]);
    const df = projectSegments(table, "Pronac", "Segmento");
    expect(df.toRecords()).toEqual([{ pronac: "7", segment: "2A" }]);
  });
});

describe("itemNames", () => {
  it("names each catalogue id by its most frequent Item, ties to the smallest string", () => {
    const table = tableFromRows("planilha_orcamentaria", [
      { idPlanilhaItens: 1, Item: "Cachê" },
      { idPlanilhaItens: 1, Item: "Cache" },
      { idPlanilhaItens: 1, Item: "Cachê" },
      { idPlanilhaItens: 2, Item: "Som" },
      { idPlanilhaItens: 2, Item: "Palco" },
      { idPlanilhaItens: 3, Item: null },
      { idPlanilhaItens: 3, Item: null },
      { idPlanilhaItens: 3, Item: "Luz" },
      { idPlanilhaItens: null, Item: "Nada" },
    ]);
    expect(itemNames(table, "idPlanilhaItens", "Item").sort("id").toRecords()).toEqual([
      { id: 1, name: "Cachê" },
      { id: 2, name: "Palco" },
      { id: 3, name: "Luz" },
    ]);
  });
});
