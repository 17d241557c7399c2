import pl from "nodejs-polars";

/** The columns whose distinct combinations are `all_items` (spec §4.12). */
export const ALL_ITEMS_COLUMNS = [
  "PRONAC",
  "idSegmento",
  "idPlanilhaItens",
  "idPronac",
  "UfItem",
  "idProduto",
  "cdCidade",
  "cdEtapa",
] as const;

/**
 * The common items of every segment (spec §4.12): per idSegmento, the top
 * `max(2, floor(distinct items / 10))` idPlanilhaItens by number of
 * `all_items` rows, ties to the smaller id. (Python's `int(0.1·n)` equals
 * `floor(n/10)`: the double 0.1 is slightly above 1/10.)
 *
 * @returns columns `segment`, `item`
 */
export function commonItems(allItems: pl.DataFrame): pl.DataFrame {
  return allItems
    .filter(pl.col("idSegmento").isNotNull().and(pl.col("idPlanilhaItens").isNotNull()))
    .groupBy(["idSegmento", "idPlanilhaItens"])
    .agg(pl.len().cast(pl.Int64).alias("rows"))
    .select(pl.col("idSegmento").alias("segment"), pl.col("idPlanilhaItens").alias("item"), "rows")
    .sort([pl.col("segment"), pl.col("rows").mul(-1), pl.col("item")])
    .withRowIndex("order")
    .withColumns(
      pl.col("order").rank("ordinal").over("segment").cast(pl.Int64).alias("rank"),
      pl.len().over("segment").cast(pl.Int64).alias("distinct"),
    )
    .filter(pl.col("rank").ltEq(pl.maxHorizontal([pl.lit(2), pl.col("distinct").cast(pl.Float64).div(10).floor()])))
    .select("segment", "item");
}

/** `all_items` (spec §4.12): distinct rows of planilha_orcamentaria over `ALL_ITEMS_COLUMNS`, with a PRONAC. */
export function allItemsOf(budget: pl.DataFrame): pl.DataFrame {
  return budget
    .lazy()
    .select(...ALL_ITEMS_COLUMNS)
    .filter(pl.col("PRONAC").isNotNull())
    .unique()
    .collectSync();
}
