import pl from "nodejs-polars";
import { segmentGaussianResults } from "./segment-gaussian.js";
import type { MetricDefinition } from "./types.js";

/** itens_orcamentarios (spec §4.1): budget lines per project, sample std within the segment. */
export const itensOrcamentarios: MetricDefinition = {
  id: "itens_orcamentarios",
  weight: 1,
  tail: "right",
  description:
    "Verifica se o projeto tem muito mais itens orçamentários aprovados do que os projetos do seu segmento cultural.",
  tables: ["planilha_orcamentaria"],
  details: ["desvio_padrao"],
  absence: "not_available",
  compute: (tables) =>
    segmentGaussianResults(tables, "itens_orcamentarios", {
      table: "planilha_orcamentaria",
      pronac: "PRONAC",
      segment: "idSegmento",
      valor: pl.len(),
      std: "sample",
      money: false,
      minimo: 0,
      stdDetail: true,
    }),
};
