import { exactMoney } from "./money.js";
import { segmentGaussianResults } from "./segment-gaussian.js";
import type { MetricDefinition } from "./types.js";

/** valor_captado (spec §4.5): exact total raised per project, sample std within the segment. */
export const valorCaptado: MetricDefinition = {
  id: "valor_captado",
  weight: 0,
  tail: "right",
  description:
    "Verifica se o valor total captado pelo projeto junto a patrocinadores é muito maior do que o dos projetos do seu segmento cultural.",
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
};
