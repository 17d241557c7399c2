import { exactMoney } from "./lib/money.js";
import { segmentGaussianResults } from "./lib/segment-gaussian.js";
import { defineMetric } from "./types.js";

/** valor_captado (spec §4.5): exact total raised per project, sample std within the segment. */
export const valorCaptado = defineMetric("valor_captado", {
  tables: ["planilha_captacao"],
  details: [],
  absence: "not_available",
  compute: (tables) =>
    segmentGaussianResults(tables, "valor_captado", {
      table: "planilha_captacao",
      pronac: "Pronac",
      segment: "Segmento",
      valor: exactMoney("CaptacaoReal").sum(),
      std: "sample",
      money: true,
      minimo: null,
      stdDetail: false,
    }),
});
