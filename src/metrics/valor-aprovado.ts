import { exactMoney } from "./lib/money.js";
import { segmentGaussianResults } from "./lib/segment-gaussian.js";
import { defineMetric } from "./types.js";

/** valor_aprovado (spec §4.4): exact total approved per project, sample std within the segment. */
export const valorAprovado = defineMetric("valor_aprovado", {
  tables: ["planilha_orcamentaria"],
  details: [],
  absence: "not_available",
  compute: (tables) =>
    segmentGaussianResults(tables, "valor_aprovado", {
      table: "planilha_orcamentaria",
      pronac: "PRONAC",
      segment: "idSegmento",
      valor: exactMoney("VlTotalAprovado").sum(),
      std: "sample",
      money: true,
      minimo: null,
      stdDetail: false,
    }),
});
