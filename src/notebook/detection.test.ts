import { describe, expect, it } from "vitest";
import type { ProjectScore } from "../score/index.js";
import { detectionByMetric } from "./detection.js";

const result = (is_outlier: boolean, valor_valido = true) => ({ valor: 1, is_outlier, valor_valido });
const project = (pronac: string, itens: ReturnType<typeof result>, saque: ReturnType<typeof result>) =>
  ({ pronac, complexidade: 0, admissibilidade: 0, metricas: { itens_orcamentarios: itens, comprovante_saque: saque } }) as unknown as ProjectScore;

describe("detectionByMetric", () => {
  it("counts flagged against planted projects per metric, in the order given", () => {
    const projects = [
      project("000014", result(true), result(false)),
      project("000021", result(true), result(false)),
      project("100001", result(false), result(false, false)),
      project("100002", result(false), result(false, false)),
    ];
    const rows = detectionByMetric(
      projects,
      [
        { id: "itens_orcamentarios", weight: 1 },
        { id: "comprovante_saque", weight: 5 },
      ],
      { itens_orcamentarios: ["100002", "000014", "100001"], comprovante_saque: [] },
    );
    expect(rows).toEqual([
      { metrica: "itens_orcamentarios", peso: 1, available: 4, planted: 3, flagged: 2, TP: 1, FP: 1, FN: 2, precision: 0.5, recall: 1 / 3, "flagged %": 50, missed: "100001, 100002" },
      { metrica: "comprovante_saque", peso: 5, available: 2, planted: 0, flagged: 0, TP: 0, FP: 0, FN: 0, precision: null, recall: null, "flagged %": 0, missed: "" },
    ]);
  });
});
