import { exactMoney } from "./money.js";
import { segmentGaussianResults } from "./segment-gaussian.js";
import type { MetricDefinition } from "./types.js";

/** valor_comprovado (spec §4.3): exact total proven per project, sample std within the segment. */
export const valorComprovado: MetricDefinition = {
  id: "valor_comprovado",
  weight: 0,
  tail: "right",
  description:
    "Verifica se o valor total comprovado pelo projeto é muito maior do que o dos projetos do seu segmento cultural.",
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
};
