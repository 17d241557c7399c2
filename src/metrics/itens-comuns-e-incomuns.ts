import pl from "nodejs-polars";
import type { SalicTables } from "../data/schema.js";
import { allItemCounts, commonItems } from "./common-items.js";
import { itemListsByPronac } from "./item-lists.js";
import { itemNames } from "./item-names.js";
import { columnValues, frameColumns, requireTable } from "./results.js";
import { judgeBySegment } from "./segment-gaussian.js";
import { projectSegments } from "./segment.js";
import type { MetricDefinition, MetricResult, MetricResults } from "./types.js";

const ID = "itens_comuns_e_incomuns_por_segmento";

/**
 * itens_comuns_e_incomuns_por_segmento (spec §4.12) for every PRONAC of
 * planilha_orcamentaria. The project's segment is its most frequent
 * idSegmento; `valor` = common items of that segment the project has /
 * the project's all_items rows (0 if the segment has no common items);
 * population statistics of `valor` per segment, left tail.
 */
export function computeItensComuns(tables: SalicTables): MetricResults {
  const table = requireTable(tables, "planilha_orcamentaria", ID);
  const counts = allItemCounts(table);
  const common = commonItems(counts);
  const segments = projectSegments(table, "PRONAC", "idSegmento");
  const projectItems = counts
    .lazy()
    .filter(pl.col("idPlanilhaItens").isNotNull())
    .select(pl.col("PRONAC").alias("pronac"), pl.col("idPlanilhaItens").alias("item"))
    .unique()
    .join(segments.lazy(), { on: "pronac", how: "left" })
    .collectSync();
  const found = projectItems
    .join(common, { on: ["segment", "item"], how: "semi" })
    .groupBy("pronac")
    .agg(pl.len().cast(pl.Int64).alias("found"));
  const segmentsWithCommon = common.select("segment").unique().withColumns(pl.lit(true).alias("has_common"));
  const values = counts
    .groupBy("PRONAC")
    .agg(pl.col("rows").sum().cast(pl.Int64).alias("rows"))
    .rename({ PRONAC: "pronac" })
    .join(segments, { on: "pronac", how: "left" })
    .join(found, { on: "pronac", how: "left" })
    .join(segmentsWithCommon, { on: "segment", how: "left" })
    .select(
      "pronac",
      pl
        .when(pl.col("has_common").isNull())
        .then(pl.lit(0))
        .when(pl.col("rows").eq(0))
        .then(pl.lit(1))
        .otherwise(pl.col("found").fillNull(0).cast(pl.Float64).div(pl.col("rows").cast(pl.Float64)))
        .cast(pl.Float64)
        .alias("valor"),
    );
  const judged = judgeBySegment(values, segments, "population", "left");

  const names = itemNames(table, "idPlanilhaItens", "Item");
  const nameList = names.getColumn("name").toArray() as string[];
  const nameOf = new Map((columnValues(names, "id") as number[]).map((id, i) => [id, nameList[i]!]));
  // One frozen {name} per item, shared by every project listing it.
  const nameEntry = new Map([...nameOf].map(([id, name]) => [id, Object.freeze({ name })]));
  const noName = Object.freeze({ name: null });
  const uncommon = itemListsByPronac(projectItems.join(common, { on: ["segment", "item"], how: "anti" }), (item) => [
    item,
    nameEntry.get(item) ?? noName,
  ]);
  const missing = itemListsByPronac(
    segments.join(common, { on: "segment", how: "inner" }).join(projectItems, { on: ["pronac", "item"], how: "anti" }),
    (item) => [item, nameOf.get(item) ?? null],
  );

  const c = frameColumns(judged.select("pronac", "valor", "mean", "std", "threshold", "is_outlier").sort("pronac"));
  const results = new Map<string, MetricResult>();
  for (let i = 0, n = judged.height; i < n; i++) {
    const pronac = c.pronac![i] as string;
    results.set(pronac, {
      valor: c.valor![i] as number,
      is_outlier: c.is_outlier![i] as boolean,
      valor_valido: true,
      minimo_esperado: c.threshold![i] as number | null,
      maximo_esperado: null,
      media: c.mean![i] as number | null,
      desvio_padrao: c.std![i] as number | null,
      items_incomuns: uncommon.get(pronac) ?? [],
      items_comuns_que_o_projeto_nao_possui: missing.get(pronac) ?? [],
    });
  }
  return results;
}

/** itens_comuns_e_incomuns_por_segmento (spec §4.12): admissibility, budgets made of items unusual in the segment. */
export const itensComunsEIncomunsPorSegmento: MetricDefinition = {
  id: ID,
  weight: 0,
  tail: "left",
  description:
    "Verifica se o orçamento do projeto tem uma proporção de itens comuns no seu segmento cultural muito menor do que a dos outros projetos do segmento.",
  tables: ["planilha_orcamentaria"],
  details: ["media", "desvio_padrao", "items_incomuns", "items_comuns_que_o_projeto_nao_possui"],
  absence: "not_available",
  compute: computeItensComuns,
};
