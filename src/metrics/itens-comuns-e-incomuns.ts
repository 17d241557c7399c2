import pl from "nodejs-polars";
import type { SalicTables } from "../data/schema.js";
import { allItemCounts, commonItems } from "./lib/common-items.js";
import { numberLists } from "./lib/frame.js";
import { itemNames } from "./lib/mode-by.js";
import { requireTable } from "./lib/results.js";
import { columnValues, frameColumns } from "./lib/frame.js";
import { judgeBySegment } from "./lib/segment-gaussian.js";
import { projectSegments } from "./lib/mode-by.js";
import { defineMetric, type MetricResult, type MetricResults } from "./types.js";

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
  // One group-by over the project's distinct items gives the common ones it
  // has (how many, which) and the uncommon ones.
  const perProject = counts
    .lazy()
    .filter(pl.col("idPlanilhaItens").isNotNull())
    .select(pl.col("PRONAC").alias("pronac"), pl.col("idPlanilhaItens").alias("item"))
    .join(segments.lazy(), { on: "pronac", how: "left" })
    .join(common.lazy().withColumns(pl.lit(true).alias("common")), { on: ["segment", "item"], how: "left" })
    .groupBy("pronac")
    .agg(
      // An item listed under two segments of the project appears twice here: unique.
      pl.col("item").filter(pl.col("common").isNotNull()).unique().sort().alias("owned"),
      pl.col("item").filter(pl.col("common").isNull()).unique().sort().alias("uncommon"),
    )
    .withColumns(pl.col("owned").lst.lengths().cast(pl.Int64).alias("found"));
  const values = counts
    .lazy()
    .groupBy("PRONAC")
    .agg(pl.col("rows").sum().cast(pl.Int64).alias("rows"))
    .rename({ PRONAC: "pronac" })
    .join(segments.lazy(), { on: "pronac", how: "left" })
    .join(perProject, { on: "pronac", how: "left" })
    .join(common.lazy().select("segment").unique().withColumns(pl.lit(true).alias("has_common")), {
      on: "segment",
      how: "left",
    })
    .withColumns(
      pl
        .when(pl.col("has_common").isNull())
        .then(pl.lit(0))
        .when(pl.col("rows").eq(0))
        .then(pl.lit(1))
        .otherwise(pl.col("found").fillNull(0).cast(pl.Float64).div(pl.col("rows").cast(pl.Float64)))
        .cast(pl.Float64)
        .alias("valor"),
    )
    .collectSync();
  const judged = judgeBySegment(values.select("pronac", "valor"), segments, "population", "left")
    .join(values.select("pronac", "owned", "uncommon"), { on: "pronac" })
    .sort("pronac");
  return buildResults(judged, commonBySegment(common), itemNames(table, "idPlanilhaItens", "Item"));
}

/** Each segment's common item ids, sorted. */
function commonBySegment(common: pl.DataFrame): Map<string, number[]> {
  const grouped = common.groupBy("segment").agg(pl.col("item").sort().alias("items"));
  const segments = grouped.getColumn("segment").toArray() as string[];
  const items = numberLists(grouped, "items");
  return new Map(segments.map((segment, i) => [segment, items[i]!]));
}

/** The results from the judged per-project frame, with the item lists of the details. */
function buildResults(judged: pl.DataFrame, commonOf: Map<string, number[]>, names: pl.DataFrame): MetricResults {
  const nameList = names.getColumn("name").toArray() as string[];
  const nameOf = new Map((columnValues(names, "id") as number[]).map((id, i) => [id, nameList[i]!]));
  // One frozen {name} per item, shared by every project listing it.
  const nameEntry = new Map([...nameOf].map(([id, name]) => [id, Object.freeze({ name })]));
  const noName = Object.freeze({ name: null });
  const c = frameColumns(judged.select("pronac", "segment", "valor", "mean", "std", "threshold", "is_outlier"));
  const owned = numberLists(judged, "owned");
  const uncommon = numberLists(judged, "uncommon");
  const results = new Map<string, MetricResult>();
  for (let i = 0, n = judged.height; i < n; i++) {
    const segment = c.segment![i] as string | null;
    const has = new Set(owned[i]);
    const missing = (segment === null ? [] : (commonOf.get(segment) ?? [])).filter((item) => !has.has(item));
    results.set(c.pronac![i] as string, {
      valor: c.valor![i] as number,
      is_outlier: c.is_outlier![i] as boolean,
      valor_valido: true,
      minimo_esperado: c.threshold![i] as number | null,
      maximo_esperado: null,
      media: c.mean![i] as number | null,
      desvio_padrao: c.std![i] as number | null,
      items_incomuns: uncommon[i]!.map((item) => [item, nameEntry.get(item) ?? noName]),
      items_comuns_que_o_projeto_nao_possui: missing.map((item) => [item, nameOf.get(item) ?? null]),
    });
  }
  return results;
}

/** itens_comuns_e_incomuns_por_segmento (spec §4.12): admissibility, budgets made of items unusual in the segment. */
export const itensComunsEIncomunsPorSegmento = defineMetric(ID, {
  tables: ["planilha_orcamentaria"],
  details: ["media", "desvio_padrao", "items_incomuns", "items_comuns_que_o_projeto_nao_possui"],
  absence: "not_available",
  compute: computeItensComuns,
});
