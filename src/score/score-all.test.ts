import { describe, expect, it } from "vitest";
import { testMetric } from "../../test/support/metrics.js";
import { tableFromRows } from "../../test/support/tables.js";
import type { MetricDefinition, MetricId, MetricResult, MetricResults } from "../metrics/types.js";
import { REGISTRY } from "../metrics/registry.js";
import { scoreAll } from "./score-all.js";
import { isSharedResult } from "./shared-result.js";

const result = (is_outlier: boolean, extra: Record<string, unknown> = {}): MetricResult => ({
  valor: is_outlier ? 1 : 0,
  is_outlier,
  valor_valido: true,
  minimo_esperado: null,
  maximo_esperado: null,
  ...extra,
});

/** A metric whose results are given: the listed PRONACs are outliers, `others` computed but not. */
function fake(
  id: MetricId,
  weight: number,
  outliers: string[],
  others: string[] = [],
  options: Partial<MetricDefinition> = {},
): MetricDefinition {
  return testMetric(id, {
    weight,
    description: "teste",
    tables: ["planilha_projetos"],
    details: ["lista"],
    compute: () =>
      new Map([
        ...outliers.map((p): [string, MetricResult] => [p, result(true, { lista: [p] })]),
        ...others.map((p): [string, MetricResult] => [p, result(false, { lista: [] })]),
      ]),
    ...options,
  });
}

const projetos = tableFromRows(
  "planilha_projetos",
  ["2", "10", "1", "000014", "4"].map((PRONAC) => ({ PRONAC, CgcCpf: "x" })),
);

describe("scoreAll", () => {
  const seen: (MetricId[] | undefined)[] = [];
  const metrics = [
    fake("itens_orcamentarios", 1, ["2", "4"], ["1"]),
    fake("valor_a_ser_comprovado", 5, ["1", "4", "NOT-A-PROJECT"], [], {
      compute: (_tables, earlier) => {
        seen.push([...earlier.keys()]);
        return new Map([["1", result(true)], ["4", result(true)], ["NOT-A-PROJECT", result(true)]]);
      },
    }),
    // Weight 5 but its table is missing: not available for everyone, still in Σ weight.
    fake("comprovante_saque", 5, ["1"], [], { tables: ["planilha_captacao"], absence: "zero" }),
    fake("comprovante_cheque", 0, ["2"], [], { absence: "zero", details: ["comprovantes"] }),
    fake("itens_comuns_e_incomuns_por_segmento", 0, ["10"], ["1"]),
  ];
  const run = scoreAll({ planilha_projetos: projetos }, metrics);

  it("lists the projects of planilha_projetos sorted as strings", () => {
    expect(run.pronacs).toEqual(["000014", "1", "10", "2", "4"]);
    expect(run.project("NOT-A-PROJECT")).toBeUndefined();
  });
  it("gives each metric the results of the metrics before it", () => {
    expect(seen).toEqual([["itens_orcamentarios"]]);
  });
  it("complexidade = round(10 · Σ weight·is_outlier / Σ weight, 1), Σ weight over the run's weighted metrics", () => {
    // Σ weight = 1 + 5 + 5 = 11 (comprovante_saque counts though not available).
    expect(run.project("1")?.complexidade).toBe(4.5); // 10·5/11 = 4.545…
    expect(run.project("2")?.complexidade).toBe(0.9); // 10·1/11 = 0.909…
    expect(run.project("4")?.complexidade).toBe(5.5); // 10·6/11 = 5.4545…
    expect(run.project("000014")?.complexidade).toBe(0);
  });
  it("admissibilidade is 10 when itens_comuns_e_incomuns_por_segmento is an outlier, else 0", () => {
    expect(run.project("10")?.admissibilidade).toBe(10);
    expect(run.project("1")?.admissibilidade).toBe(0);
  });
  it("a metric whose table is missing is not available for every project and says why", () => {
    expect(run.unavailable).toEqual(new Map([["comprovante_saque", "table planilha_captacao not loaded"]]));
    expect(run.project("1")?.metricas.comprovante_saque).toEqual({
      valor: 0,
      is_outlier: false,
      valor_valido: false,
      minimo_esperado: null,
      maximo_esperado: null,
      lista: null,
    });
  });
  it("fills projects a metric did not compute per its absence", () => {
    const p = run.project("000014")!;
    expect(p.metricas.itens_orcamentarios).toEqual({
      valor: 0,
      is_outlier: false,
      valor_valido: false,
      minimo_esperado: null,
      maximo_esperado: null,
      lista: null,
    });
    expect(p.metricas.comprovante_cheque).toEqual({
      valor: 0,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: 0,
      comprovantes: [],
    });
    expect(Object.keys(p.metricas)).toEqual(metrics.map((m) => m.id));
  });
  it("fills with frozen results, details included (shared between projects: read-only)", () => {
    const cheque = run.project("000014")!.metricas.comprovante_cheque;
    expect(Object.isFrozen(cheque)).toBe(true);
    expect(Object.isFrozen(cheque.comprovantes)).toBe(true);
    expect(isSharedResult(cheque)).toBe(true);
    expect(isSharedResult(run.results.get("valor_a_ser_comprovado")!.get("NOT-A-PROJECT")!)).toBe(false);
  });
  it("keeps each metric's computed results", () => {
    expect(run.results.get("valor_a_ser_comprovado")?.get("NOT-A-PROJECT")?.is_outlier).toBe(true);
    expect(run.metrics).toBe(metrics);
  });
  it("refuses to run without planilha_projetos", () => {
    expect(() => scoreAll({}, metrics)).toThrow(/planilha_projetos is missing/);
  });
});

describe("scoreAll with the registry", () => {
  const lines = (PRONAC: string, n: number) =>
    Array.from({ length: n }, () => ({
      PRONAC,
      idSegmento: "11",
      idPlanilhaItens: 7,
      Item: "Cachê",
      idPronac: 1,
      UfItem: "DF",
      idProduto: 0,
      cdEtapa: 1,
      cdCidade: 1,
      VlUnitarioAprovado: 10,
      VlTotalAprovado: 10,
      DataProjeto: "2014-01-01",
    }));
  const tables = {
    planilha_projetos: tableFromRows("planilha_projetos", [
      { PRONAC: "1", CgcCpf: "a" },
      { PRONAC: "2", CgcCpf: "b" },
      { PRONAC: "3", CgcCpf: "c" },
    ]),
    // "GHOST" is not a project but counts in segment "11": 1, 1, 4 lines → mean 2,
    // sample std sqrt((1 + 1 + 4)/2) = sqrt(3) → maximum 2 + 1.5·1.7320… = 4.598.
    planilha_orcamentaria: tableFromRows("planilha_orcamentaria", [...lines("1", 1), ...lines("2", 1), ...lines("GHOST", 4)]),
  };
  const run = scoreAll(tables, REGISTRY);
  const results = (id: MetricId): MetricResults => run.results.get(id)!;

  it("counts projects absent from planilha_projetos in segment statistics but reports only projects", () => {
    expect(run.project("1")?.metricas.itens_orcamentarios.maximo_esperado).toBeCloseTo(4.598076211353316, 12);
    expect(results("itens_orcamentarios").has("GHOST")).toBe(true);
    expect(run.project("GHOST")).toBeUndefined();
  });
  it("reports metrics of missing tables as unavailable, naming the table", () => {
    expect([...run.unavailable.keys()]).toEqual([
      "comprovante_pagamento",
      "valor_comprovado",
      "valor_captado",
      "valor_a_ser_comprovado",
      "comprovantes_acima_50",
      "comprovante_cheque",
      "comprovante_transferencia",
      "comprovante_saque",
      "novos_fornecedores",
    ]);
    expect(run.unavailable.get("valor_a_ser_comprovado")).toBe("tables planilha_captacao, planilha_comprovacao not loaded");
    expect(run.project("1")?.metricas.comprovante_cheque).toMatchObject({ valor_valido: false, comprovantes: null });
  });
  it("a project absent from a table is not available there, with null details", () => {
    expect(run.project("3")?.metricas.itens_orcamentarios).toEqual({
      valor: 0,
      is_outlier: false,
      valor_valido: false,
      minimo_esperado: null,
      maximo_esperado: null,
      desvio_padrao: null,
    });
    expect(run.project("3")?.complexidade).toBe(0);
  });
});
