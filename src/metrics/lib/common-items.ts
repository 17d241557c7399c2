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
 * `all_items` (spec §4.12) counted per (PRONAC, idSegmento, idPlanilhaItens):
 * `rows` is the number of distinct all_items rows of the group, i.e. of
 * distinct (idPronac, UfItem, idProduto, cdCidade, cdEtapa) in it. Counting
 * distinct values per group costs about half of materialising all_items and
 * grouping it again. Null keys form groups of their own (such rows still
 * count among the project's rows); rows without a PRONAC are left out.
 *
 * @returns columns `PRONAC`, `idSegmento`, `idPlanilhaItens`, `rows` (Int64)
 */
export function allItemCounts(budget: pl.DataFrame): pl.DataFrame {
  const rest = ALL_ITEMS_COLUMNS.slice(3).map((name) => pl.col(name));
  return budget
    .lazy()
    .filter(pl.col("PRONAC").isNotNull())
    .groupBy(["PRONAC", "idSegmento", "idPlanilhaItens"])
    .agg(pl.struct(rest).nUnique().cast(pl.Int64).alias("rows"))
    .collectSync();
}

/**
 * The common items of every segment (spec §4.12): per idSegmento, the top
 * `max(2, floor(distinct items / 10))` idPlanilhaItens by number of
 * `all_items` rows, ties to the smaller id. (Python's `int(0.1·n)` equals
 * `floor(n/10)`: the double 0.1 is slightly above 1/10.)
 *
 * @param counts all_items rows per group, as `allItemCounts` gives them
 * @returns columns `segment`, `item`
 */
export function commonItems(counts: pl.DataFrame): pl.DataFrame {
  return counts
    .filter(pl.col("idSegmento").isNotNull().and(pl.col("idPlanilhaItens").isNotNull()))
    .groupBy(["idSegmento", "idPlanilhaItens"])
    .agg(pl.col("rows").sum().cast(pl.Int64).alias("rows"))
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
