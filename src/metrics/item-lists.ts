import pl from "nodejs-polars";
import { columnValues } from "./results.js";

/**
 * Per-project lists from a frame of (`pronac`, `item`) pairs: items sorted by
 * id, each turned into a list entry. Reads the pairs as typed arrays and the
 * PRONACs once per project (boxing every row costs seconds at national scale).
 */
export function itemListsByPronac<T>(pairs: pl.DataFrame, entry: (item: number) => T): Map<string, T[]> {
  // Grouping and sorting each small list is cheaper than sorting all pairs by PRONAC text.
  const grouped = pairs.lazy().groupBy("pronac").agg(pl.col("item").sort().alias("items")).collectSync();
  const pronacs = grouped.getColumn("pronac").toArray() as string[];
  const counts = columnValues(grouped.select(pl.col("items").lst.lengths().alias("n")), "n") as number[];
  const items = columnValues(grouped.select(pl.col("items").explode()), "items") as number[];
  const lists = new Map<string, T[]>();
  let offset = 0;
  for (let p = 0; p < pronacs.length; p++) {
    const end = offset + counts[p]!;
    const list = new Array<T>(end - offset);
    for (let i = offset; i < end; i++) list[i - offset] = entry(items[i]!);
    lists.set(pronacs[p]!, list);
    offset = end;
  }
  return lists;
}
