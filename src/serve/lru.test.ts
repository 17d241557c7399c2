import { describe, expect, it } from "vitest";
import { LruCache } from "./lru.js";

describe("LruCache", () => {
  it("evicts the least recently used entry beyond the entry bound", () => {
    const cache = new LruCache<number[]>(2, 100);
    cache.set("a", [1]);
    cache.set("b", [2]);
    expect(cache.get("a")).toEqual([1]);
    cache.set("c", [3]);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toEqual([1]);
    expect(cache.get("c")).toEqual([3]);
  });

  it("evicts until the total length fits, and refuses a value longer than the bound", () => {
    const cache = new LruCache<number[]>(10, 5);
    cache.set("a", [1, 2]);
    cache.set("b", [1, 2]);
    cache.set("c", [1, 2]);
    expect([cache.size, cache.total]).toEqual([2, 4]);
    expect(cache.get("a")).toBeUndefined();
    cache.set("huge", [1, 2, 3, 4, 5, 6]);
    expect(cache.get("huge")).toBeUndefined();
    expect([cache.size, cache.total]).toEqual([2, 4]);
  });

  it("weighs values with the given function", () => {
    const cache = new LruCache<{ bytes: number }>(10, 10, (value) => value.bytes);
    cache.set("a", { bytes: 6 });
    cache.set("b", { bytes: 6 });
    expect([cache.size, cache.total]).toEqual([1, 6]);
    expect(cache.get("a")).toBeUndefined();
  });

  it("replacing a key adjusts the total", () => {
    const cache = new LruCache<number[]>(10, 10);
    cache.set("a", [1, 2, 3]);
    cache.set("a", [1]);
    expect([cache.size, cache.total]).toEqual([1, 1]);
  });
});
