import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../test/support/tables.js";
import { defineProjetosMesmoProponente } from "./projetos-mesmo-proponente.js";
import type { MetricId, MetricResult, MetricResults } from "./types.js";

// The weighted metrics before this one; their weights sum to 20 (spec §4.10).
const WEIGHTS = new Map<MetricId, number>([
  ["itens_orcamentarios", 1],
  ["valor_aprovado", 0],
  ["valor_a_ser_comprovado", 5],
  ["comprovantes_acima_50", 2],
  ["comprovante_cheque", 1],
  ["comprovante_transferencia", 5],
  ["comprovante_saque", 5],
  ["novos_fornecedores", 1],
]);
const metric = defineProjetosMesmoProponente(WEIGHTS);

const outlier = (is_outlier: boolean): MetricResult => ({
  valor: 1,
  is_outlier,
  valor_valido: true,
  minimo_esperado: null,
  maximo_esperado: null,
});
/** Earlier results: the listed projects are outliers of the metric, nobody else. */
function earlier(outliers: Partial<Record<MetricId, string[]>>): Map<MetricId, MetricResults> {
  return new Map(
    [...WEIGHTS.keys()].map((id) => [id, new Map((outliers[id] ?? []).map((pronac) => [pronac, outlier(true)]))]),
  );
}

const projects = tableFromRows(
  "planilha_projetos",
  ([
    ["P3", "X"],
    ["P1", "X"],
    ["P4", "X"],
    ["P2", "X"],
    ["T1", "T"],
    ["T2", "T"],
    ["T3", "T"],
    ["W1", "W"],
    ["W2", "W"],
    ["W3", "W"],
    ["14", "Y"],
    ["000014", "Y"],
    ["R1", "Z"],
    ["N1", null],
    ["N2", null],
  ] as const).map(([PRONAC, CgcCpf]) => ({ PRONAC, CgcCpf })),
);
// c(p) = round(10 · Σ weight·is_outlier / 20, 1):
// P1 5 → 2.5; T1 5 → 2.5; T3 2 + 1 + 1 → 2.0; W1–W3 1 → 0.5; others 0.
const results = metric.compute(
  { planilha_projetos: projects },
  earlier({
    valor_a_ser_comprovado: ["P1", "T1"],
    comprovantes_acima_50: ["T3"],
    comprovante_cheque: ["T3"],
    itens_orcamentarios: ["T3", "W1", "W2", "W3"],
    valor_aprovado: ["P2", "P3"], // weight 0: no effect
  }),
);

describe("projetos_mesmo_proponente", () => {
  it("lists the proponent's other projects and flags c(self) above their mean + 1.5·population std", () => {
    // P1's others P2, P3, P4 all have c = 0 → threshold 0; 2.5 > 0.
    expect(results.get("P1")).toEqual({
      valor: 3,
      is_outlier: true,
      valor_valido: true,
      minimo_esperado: null,
      maximo_esperado: 0,
      projetos_submetidos: ["P2", "P3", "P4"],
    });
  });
  it("leaves the project itself out of its comparison", () => {
    // P2's others: 2.5, 0, 0 → mean 0.8333, population std sqrt(25/18) = 1.1785 → threshold 2.6011.
    const p2 = results.get("P2")!;
    expect(p2.is_outlier).toBe(false);
    expect(p2.maximo_esperado).toBeCloseTo(2.6011002862997025, 12);
    expect(p2.projetos_submetidos).toEqual(["P1", "P3", "P4"]);
  });
  it("a c equal to its threshold is not an outlier (T1: others 0 and 2.0 → 1 + 1.5·1 = 2.5)", () => {
    expect(results.get("T1")).toMatchObject({ is_outlier: false, maximo_esperado: 2.5, valor: 2 });
    // W1: others 0.5, 0.5 → threshold 0.5 = c(W1).
    expect(results.get("W1")).toMatchObject({ is_outlier: false, maximo_esperado: 0.5 });
  });
  it("needs at least 2 other projects; PRONACs are strings (\"000014\" and \"14\" are two projects)", () => {
    expect(results.get("000014")).toEqual({
      valor: 1,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: null,
      maximo_esperado: null,
      projetos_submetidos: ["14"],
    });
    expect(results.get("14")?.projetos_submetidos).toEqual(["000014"]);
  });
  it("a project alone, or without a proponent, has no other projects", () => {
    expect(results.get("R1")).toMatchObject({ valor: 0, projetos_submetidos: [], maximo_esperado: null, is_outlier: false });
    expect(results.get("N1")).toMatchObject({ valor: 0, projetos_submetidos: [], maximo_esperado: null, is_outlier: false });
  });
  it("reports every project of planilha_projetos", () => {
    expect(results.size).toBe(15);
  });
});
