import pl from "nodejs-polars";
import { segmentGaussianResults } from "./lib/segment-gaussian.js";
import { defineMetric } from "./types.js";

/** comprovante_pagamento (spec §4.2): distinct receipts per project, population std within the segment. */
export const comprovantePagamento = defineMetric("comprovante_pagamento", {
  tables: ["planilha_comprovacao"],
  details: [],
  absence: "not_available",
  compute: (tables) =>
    segmentGaussianResults(tables, "comprovante_pagamento", {
      table: "planilha_comprovacao",
      pronac: "PRONAC",
      segment: "idSegmento",
      // A null id is no receipt (nUnique alone would count null as one value).
      valor: pl.col("idComprovantePagamento").filter(pl.col("idComprovantePagamento").isNotNull()).nUnique(),
      std: "population",
      money: false,
      minimo: 0,
      stdDetail: false,
    }),
});
