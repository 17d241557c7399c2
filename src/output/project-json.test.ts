import { describe, expect, it } from "vitest";
import { testMetric } from "../../test/support/metrics.js";
import type { MetricDefinition, MetricResult } from "../metrics/types.js";
import type { ProjectScore } from "../score/index.js";
import { shareResult } from "../score/shared-result.js";
import { projectToJson } from "./project-json.js";

const metric = (id: MetricDefinition["id"]): MetricDefinition => testMetric(id, { details: ["desvio_padrao"] });
const metrics = [metric("itens_orcamentarios")];

const project = (pronac: string, result: MetricResult): ProjectScore =>
  ({ pronac, complexidade: 0, admissibilidade: 0, metricas: { itens_orcamentarios: result } }) as ProjectScore;

describe("projectToJson", () => {
  it("writes a result shared by several projects (a run's filler) the same for each, undefined as null", () => {
    const filler = shareResult({
      valor: 0,
      is_outlier: false,
      valor_valido: false,
      minimo_esperado: null,
      maximo_esperado: null,
      desvio_padrao: undefined,
    });
    const metricas = '"metricas":{"itens_orcamentarios":{"valor":0,"is_outlier":false,"valor_valido":false,"minimo_esperado":null,"maximo_esperado":null,"desvio_padrao":null}}}';
    expect(projectToJson(project("1", filler), metrics)).toBe(`{"pronac":"1","complexidade":0,"admissibilidade":0,${metricas}`);
    expect(projectToJson(project("2", filler), metrics)).toBe(`{"pronac":"2","complexidade":0,"admissibilidade":0,${metricas}`);
  });

  it("writes a result that is not shared as it is now, not as it was when last written", () => {
    const result: MetricResult = { valor: 1, is_outlier: false, valor_valido: true, minimo_esperado: 0, maximo_esperado: 2 };
    expect(projectToJson(project("1", result), metrics)).toContain('"valor":1,');
    result.valor = 3;
    expect(projectToJson(project("1", result), metrics)).toContain('"valor":3,');
  });

  it("escapes the PRONAC as a JSON string", () => {
    const result: MetricResult = { valor: 1, is_outlier: false, valor_valido: true, minimo_esperado: null, maximo_esperado: null };
    expect(projectToJson(project('1"2', result), metrics)).toMatch(/^\{"pronac":"1\\"2","complexidade"/);
  });
});
