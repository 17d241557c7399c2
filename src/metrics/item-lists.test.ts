import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { itemListsByPronac } from "./item-lists.js";

describe("itemListsByPronac", () => {
  it("groups (pronac, item) pairs into per-project lists sorted by item id", () => {
    const pairs = pl.DataFrame([
      pl.Series("pronac", ["2", "1", "2", "1", "2"]),
      pl.Series("item", [100, 7, 5, 30, 9], pl.Int64),
    ]);
    const lists = itemListsByPronac(pairs, (item) => `#${item}`);
    expect(Object.fromEntries(lists)).toEqual({ "1": ["#7", "#30"], "2": ["#5", "#9", "#100"] });
  });
  it("gives no entry to a project without pairs", () => {
    const empty = pl.DataFrame([pl.Series("pronac", [], pl.Utf8), pl.Series("item", [], pl.Int64)]);
    expect(itemListsByPronac(empty, (item) => item).size).toBe(0);
  });
});
