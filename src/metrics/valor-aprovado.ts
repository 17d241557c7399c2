import { exactMoney } from "./money.js";
import { segmentGaussianResults } from "./segment-gaussian.js";
import type { MetricDefinition } from "./types.js";

/** valor_aprovado (spec §4.4): exact total approved per project, sample std within the segment. */
export const valorAprovado: MetricDefinition = {
  id: "valor_aprovado",
  weight: 0,
  tail: "right",
  description:
    "Verifica se o valor total aprovado no orçamento do projeto é muito maior do que o dos projetos do seu segmento cultural.",
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
};
