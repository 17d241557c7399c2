import { describe, expect, it } from "vitest";
import { runPool } from "./pool.js";

describe("runPool", () => {
  it("keeps the items' order in its results, whatever order tasks finish in", async () => {
    const delays = [30, 0, 10];
    const results = await runPool(delays, 3, async (ms, i) => {
      await new Promise((r) => setTimeout(r, ms));
      return `${i}:${ms}`;
    });
    expect(results).toEqual(["0:30", "1:0", "2:10"]);
  });
  it("never runs more than `concurrency` tasks at once", async () => {
    let running = 0;
    let most = 0;
    await runPool([1, 2, 3, 4, 5], 2, async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    });
    expect(most).toBe(2);
  });
  it("resolves an empty list without running anything", async () => {
    expect(await runPool([], 2, async () => 1)).toEqual([]);
  });
  it("refuses a concurrency that is not a positive integer", async () => {
    await expect(runPool([1], 0, async () => 1)).rejects.toThrow("concurrency must be a positive integer, got 0");
  });
});
