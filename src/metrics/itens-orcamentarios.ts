import pl from "nodejs-polars";
import { segmentGaussianResults } from "./lib/segment-gaussian.js";
import { defineMetric } from "./types.js";

/** itens_orcamentarios (spec §4.1): budget lines per project, sample std within the segment. */
export const itensOrcamentarios = defineMetric("itens_orcamentarios", {
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
});
