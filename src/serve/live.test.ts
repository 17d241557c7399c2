import { describe, expect, it } from "vitest";
import { LiveStore } from "./live.js";
import type { ProjectStore } from "./store.js";

// Only close() matters here: a stand-in store that records it.
function fakeStore(name: string, closed: string[]): ProjectStore {
  return { size: 0, close: async () => void closed.push(name) } as unknown as ProjectStore;
}

describe("LiveStore", () => {
  it("swaps atomically and closes the old store only once its last request is done", async () => {
    const closed: string[] = [];
    const old = fakeStore("old", closed);
    const next = fakeStore("new", closed);
    const live = new LiveStore(old);
    let finish!: () => void;
    const reading = live.use(async ({ store }) => {
      await new Promise<void>((resolve) => (finish = resolve));
      return store;
    });
    const retired = live.swap(next, 60_000);
    expect(live.current.store).toBe(next);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toEqual([]);
    finish();
    // The request that began before the swap answered wholly from the old store.
    expect(await reading).toBe(old);
    await retired;
    expect(closed).toEqual(["old"]);
    await live.close();
    expect(closed).toEqual(["old", "new"]);
  });

  it("closes the old store after the grace period even if a request hangs", async () => {
    const closed: string[] = [];
    const live = new LiveStore(fakeStore("old", closed));
    void live.use(() => new Promise(() => {}));
    await live.swap(fakeStore("new", closed), 30);
    expect(closed).toEqual(["old"]);
    await live.close();
  });
});
