import { describe, expect, it } from "vitest";
import { tableFromRows } from "./tables.js";

describe("tableFromRows", () => {
  it("types columns as the loaders do", () => {
    const df = tableFromRows("planilha_orcamentaria", [
      { PRONAC: "000014", idPlanilhaItens: 7, VlTotalAprovado: 0.1, DataProjeto: "2013-01-01", Unidade: "1" },
      { PRONAC: "14", idPlanilhaItens: null, VlTotalAprovado: 2, DataProjeto: null, Unidade: null },
    ]);
    expect(df.dtypes.map(String)).toEqual([
      "DataType(String)",
      "DataType(Int64)",
      "DataType(Float64)",
      "DataType(Datetime(ms,))",
      "DataType(String)",
    ]);
    expect(df.getColumn("PRONAC").toArray()).toEqual(["000014", "14"]);
    expect((df.getColumn("DataProjeto").toArray()[0] as unknown as Date).toISOString()).toBe("2013-01-01T00:00:00.000Z");
  });
  it("names an undeclared column", () => {
    expect(() => tableFromRows("planilha_captacao", [{ Pronac: "1", Bogus: 1 }])).toThrow(
      /planilha_captacao declares no column "Bogus"/,
    );
  });
});
