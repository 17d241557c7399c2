import { describe, expect, it } from "vitest";
import { tableFromRows } from "./fixtures.js";
import { itemNames } from "./item-names.js";

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
