import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { itensOrcamentarios } from "../itens-orcamentarios.js";
import { absentResult, notAvailable, requireTable, zeroResult } from "./results.js";
import { frameColumns } from "./frame.js";
import type { MetricDefinition } from "../types.js";

describe("result builders", () => {
  it("a not-available result is invalid, 0, not an outlier, with null expectations and details", () => {
    expect(notAvailable(["desvio_padrao", "lista"])).toEqual({
      valor: 0,
      is_outlier: false,
      valor_valido: false,
      minimo_esperado: null,
      maximo_esperado: null,
      desvio_padrao: null,
      lista: null,
    });
  });
  it("a zero result is valid, 0, expected min and max 0, empty detail lists", () => {
    expect(zeroResult(["comprovantes"])).toEqual({
      valor: 0,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: 0,
      comprovantes: [],
    });
  });
  it("an absent project gets the metric's absence", () => {
    expect(absentResult(itensOrcamentarios)).toEqual(notAvailable(["desvio_padrao"]));
    const zero: MetricDefinition = { ...itensOrcamentarios, absence: "zero", details: ["lista"] };
    expect(absentResult(zero)).toEqual(zeroResult(["lista"]));
  });
  it("names the metric and table when a table is not loaded", () => {
    expect(() => requireTable({}, "planilha_captacao", "valor_captado")).toThrow(
      "valor_captado: table planilha_captacao is not loaded",
    );
  });
});

describe("columnValues", () => {
  it("gives numbers, booleans and strings with nulls kept (NaN, which no valid file holds, reads as null)", () => {
    const df = pl.DataFrame([
      pl.Series("i", [1, null, 9007199254740991], pl.Int64),
      pl.Series("f", [0.1, Number.NaN, null], pl.Float64),
      pl.Series("b", [true, null, false], pl.Bool),
      pl.Series("s", ["000014", null, "14"], pl.Utf8),
    ]);
    expect(frameColumns(df)).toEqual({
      i: [1, null, 9007199254740991],
      f: [0.1, null, null],
      b: [true, null, false],
      s: ["000014", null, "14"],
    });
  });
});
