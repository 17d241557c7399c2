import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { numberLists } from "./frame.js";

describe("numberLists", () => {
  it("reads a list column as one JS array per row, empty and null lists as []", () => {
    const pairs = pl.DataFrame([
      pl.Series("pronac", ["2", "1", "2", "1", "2", "3"]),
      pl.Series("item", [100, 7, 5, 30, 9, 1], pl.Int64),
      pl.Series("keep", [true, true, true, true, true, false]),
    ]);
    const grouped = pairs
      .groupBy("pronac")
      .agg(pl.col("item").filter(pl.col("keep")).sort().alias("items"))
      .sort("pronac");
    expect(numberLists(grouped, "items")).toEqual([[7, 30], [5, 9, 100], []]);
    const withNull = pl.DataFrame([pl.Series("l", [[1, 2], null, [3]], pl.List(pl.Int64))]);
    expect(numberLists(withNull, "l")).toEqual([[1, 2], [], [3]]);
  });
});
