import { describe, expect, it } from "vitest";
import { testMetric } from "../../test/support/metrics.js";
import type { MetricDefinition, MetricId } from "../metrics/types.js";
import type { ProjectScore } from "../score/index.js";
import { projectDetails } from "./details.js";

const metric = (id: MetricId, details: string[]): MetricDefinition => testMetric(id, { details, description: "teste" });

const METRICS = [
  metric("itens_orcamentarios", ["desvio_padrao"]),
  metric("novos_fornecedores", ["lista_de_novos_fornecedores"]),
  metric("itens_comuns_e_incomuns_por_segmento", ["media"]),
];

const score: ProjectScore = {
  pronac: "123456",
  complexidade: 4.5,
  admissibilidade: 10,
  metricas: {
    itens_orcamentarios: {
      valor: 46,
      is_outlier: true,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: 44.06,
      desvio_padrao: undefined,
    },
    novos_fornecedores: {
      valor: 1,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: null,
      maximo_esperado: null,
      lista_de_novos_fornecedores: [{ nome: "Som Ltda", cnpj: "12345678000190", itens: {} }],
    },
    itens_comuns_e_incomuns_por_segmento: {
      valor: 0.5,
      is_outlier: true,
      valor_valido: true,
      minimo_esperado: 0.6,
      maximo_esperado: null,
      media: 0.8,
    },
  } as unknown as ProjectScore["metricas"],
};

describe("projectDetails", () => {
  it("puts the admissibility metric under AdmissibilityIndicator and the others under FinancialIndicator, details under data", () => {
    expect(projectDetails(score, { nome: "Festival", proponente: "27936924997" }, METRICS)).toEqual({
      pronac: "123456",
      nome: "Festival",
      responsavel: " ",
      proponente: "***.***.249-**",
      indicadores: {
        FinancialIndicator: {
          valor: 4.5,
          metricas: {
            itens_orcamentarios: {
              valor: 46,
              is_outlier: true,
              valor_valido: true,
              minimo_esperado: 0,
              maximo_esperado: 44.06,
              data: { desvio_padrao: null },
              distribuicao: null,
            },
            novos_fornecedores: {
              valor: 1,
              is_outlier: false,
              valor_valido: true,
              minimo_esperado: null,
              maximo_esperado: null,
              data: { lista_de_novos_fornecedores: [{ nome: "Som Ltda", cnpj: "**.***.678/****-**", itens: {} }] },
              distribuicao: null,
            },
          },
        },
        AdmissibilityIndicator: {
          valor: 10,
          metricas: {
            itens_comuns_e_incomuns_por_segmento: {
              valor: 0.5,
              is_outlier: true,
              valor_valido: true,
              minimo_esperado: 0.6,
              maximo_esperado: null,
              data: { media: 0.8 },
              distribuicao: null,
            },
          },
        },
      },
    });
  });

  it("lists metrics in the order given (the registry's)", () => {
    const reversed = [METRICS[1]!, METRICS[0]!];
    const details = projectDetails(score, { nome: "Festival", proponente: null }, reversed);
    expect(Object.keys(details.indicadores.FinancialIndicator.metricas)).toEqual([
      "novos_fornecedores",
      "itens_orcamentarios",
    ]);
    expect(details.indicadores.AdmissibilityIndicator.metricas).toEqual({});
  });

  it("refuses a project without a result for a metric of the run", () => {
    expect(() => projectDetails(score, { nome: "x", proponente: null }, [metric("preco_itens", [])])).toThrow(
      "project 123456 has no result for metric preco_itens",
    );
  });

  it("expands the proponent's other PRONACs into the original API's objects, and adds each metric's distribution", () => {
    const proponent = metric("projetos_mesmo_proponente", ["projetos_submetidos"]);
    const own = { ...score, metricas: { ...score.metricas, projetos_mesmo_proponente: { valor: 1, is_outlier: false, valor_valido: true, minimo_esperado: null, maximo_esperado: null, projetos_submetidos: ["920017"] } } } as ProjectScore;
    const other = { pronac: "920017", nome: "Turnê 57893242000191", complexidade: 2.5, valor_comprovado: 10.5, valor_captado: null, situacao: "E61", data_inicio: "1992-10-30", data_final: null };
    const histogram = { limites: [0, 1], projetos: [3], valor: 46, minimo_esperado: 0, maximo_esperado: 44.06 };
    const details = projectDetails(
      own,
      { nome: "Festival", proponente: null, submitted: (pronac) => (pronac === "920017" ? other : undefined), distribution: (id) => (id === "itens_orcamentarios" ? histogram : null) },
      [METRICS[0]!, proponent],
    );
    expect(details.indicadores.FinancialIndicator.metricas.projetos_mesmo_proponente!.data.projetos_submetidos).toEqual([
      { pronac: "920017", nome: "Turnê **.***.242/****-**", complexidade: 2.5, valor_comprovado: 10.5, valor_captado: null, situacao: "E61", data_inicio: "1992-10-30", data_final: null },
    ]);
    expect(details.indicadores.FinancialIndicator.metricas.itens_orcamentarios!.distribuicao).toEqual({ limites: [0, 1], projetos: [3], valor: 46, minimo_esperado: 0, maximo_esperado: 44.06 });
    expect(details.indicadores.FinancialIndicator.metricas.projetos_mesmo_proponente!.distribuicao).toBe(null);
    expect(() => projectDetails(own, { nome: "Festival", proponente: null, submitted: () => undefined }, [proponent])).toThrow(
      "project 123456 lists 920017 among its proponent's projects, but the run has no project 920017",
    );
  });
});
