import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../test/support/tables.js";
import { valorCaptado } from "./valor-captado.js";

const raised = (Pronac: string, Segmento: string, CaptacaoReal: number) => ({ Pronac, Segmento, CaptacaoReal });

const table = tableFromRows("planilha_captacao", [
  // "000014" and "14" are two projects of segment "11": 10 and 30 → mean 20,
  // sample std sqrt((100 + 100)/1) = 14.1421… → maximum 20 + 21.2132… = 41.21.
  raised("000014", "11", 4),
  raised("000014", "11", 6),
  raised("14", "11", 30),
  // "7": two rows in "4B", one in "11" → segment "4B", alone there.
  raised("7", "4B", 1),
  raised("7", "4B", 1),
  raised("7", "11", 1000),
]);
const results = valorCaptado.compute({ planilha_captacao: table }, new Map());

describe("valor_captado", () => {
  it("sums CaptacaoReal by the Pronac string (\"000014\" ≠ \"14\")", () => {
    expect(results.get("000014")?.valor).toBe(10);
    expect(results.get("14")?.valor).toBe(30);
    expect(results.get("14")?.maximo_esperado).toBe(41.21);
    expect(results.get("14")?.is_outlier).toBe(false);
  });
  it("takes the project's segment from Segmento (most frequent) and counts it once there", () => {
    // "7" is alone in "4B": no maximum; its 1000 in "11" did not join segment "11"'s statistics.
    expect(results.get("7")).toEqual({
      valor: 1002,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: null,
      maximo_esperado: null,
    });
  });
});
