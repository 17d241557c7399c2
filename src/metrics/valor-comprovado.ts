import { exactMoney } from "./lib/money.js";
import { segmentGaussianResults } from "./lib/segment-gaussian.js";
import { defineMetric } from "./types.js";

/** valor_comprovado (spec §4.3): exact total proven per project, sample std within the segment. */
export const valorComprovado = defineMetric("valor_comprovado", {
  tables: ["planilha_comprovacao"],
  details: [],
  absence: "not_available",
  compute: (tables) =>
    segmentGaussianResults(tables, "valor_comprovado", {
      table: "planilha_comprovacao",
      pronac: "PRONAC",
      segment: "idSegmento",
      valor: exactMoney("vlComprovacao").sum(),
      std: "sample",
      money: true,
      minimo: null,
      stdDetail: false,
    }),
});
