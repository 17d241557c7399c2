import pl from "nodejs-polars";

/**
 * The name of every catalogue item id (spec §3): its most frequent text in
 * `name` over the whole table, ties broken by the smallest string. Rows with
 * a null id or name are not counted.
 *
 * @returns columns `id` (the id column's type) and `name` (Utf8), one row per id.
 */
export function itemNames(table: pl.DataFrame, id: string, name: string): pl.DataFrame {
  return table
    .lazy()
    .select(pl.col(id).alias("id"), pl.col(name).alias("name"))
    .filter(pl.col("id").isNotNull().and(pl.col("name").isNotNull()))
    .groupBy(["id", "name"])
    .agg(pl.len().alias("rows"))
    // The most frequent names, then the smallest of them: no reliance on row order.
    .filter(pl.col("rows").eq(pl.col("rows").max().over("id")))
    .groupBy("id")
    .agg(pl.col("name").min())
    .collectSync();
}
