import { describe, expect, it } from "vitest";
import { profileFor, SHAPE_NAMES, SHAPES } from "./profile.js";
import { buildWorld } from "./generate.js";
import { itemVariants } from "./world.js";
import { NO_ITEM } from "./model.js";

describe("profileFor", () => {
  it("national at 1× is the database of spec §2, default shape", () => {
    const p = profileFor({ projects: 210000, scale: "national" });
    expect([p.listedProjects, p.budgetProjects, p.receiptProjects, p.raisedProjects, p.targetLines, p.targetLinks, p.targetRaisedRows, p.segments]).toEqual([
      210000, 41600, 18500, 34000, 2000000, 356000, 426000, 127,
    ]);
    expect(p.shape).toEqual({ extraItemsPerSegment: 0, tailExponent: 1.05, linesFactor: 1, linksPerPooledProvider: 8, freshProviderShare: 0.18 });
  });
  it("--factor scales every count but the segments; the lines shape multiplies lines and links", () => {
    const quarter = profileFor({ projects: 52500, scale: "national", factor: 0.25 });
    expect([quarter.orphanProjects, quarter.budgetProjects, quarter.receiptProjects, quarter.targetLines, quarter.targetLinks, quarter.segments, quarter.plantScale]).toEqual([
      15, 10400, 4625, 500000, 89000, 127, 6.25,
    ]);
    const lines = profileFor({ projects: 210000, scale: "national", profile: "lines" });
    expect([lines.budgetProjects, lines.targetLines, lines.targetLinks]).toEqual([41600, 3200000, 569600]);
  });
  it("offers six shapes, default first", () => {
    expect(SHAPE_NAMES).toEqual(["default", "items", "lines", "providers", "long-lists", "heavy"]);
    expect(SHAPES.heavy.extraItemsPerSegment).toBe(600);
  });
});

describe("itemVariants", () => {
  it("numbers variants of the segment's own items after firstId, cycling through them", () => {
    const own = [
      { id: 5, name: "Cenógrafo", unit: "Cachê", price: 3000, stage: 2, admin: false },
      { id: 9, name: "Contador", unit: "Mês", price: 900, stage: 4, admin: true },
    ];
    expect(itemVariants(own, 3, 100)).toEqual([
      { id: 101, name: "Cenógrafo – variante 1", unit: "Cachê", price: 3000, stage: 2, admin: false },
      { id: 102, name: "Contador – variante 1", unit: "Mês", price: 900, stage: 4, admin: true },
      { id: 103, name: "Cenógrafo – variante 2", unit: "Cachê", price: 3000, stage: 2, admin: false },
    ]);
  });
});

describe("the shapes in a generated world", () => {
  const distinctItems = (profile: "default" | "items" | "long-lists") => {
    const world = buildWorld({ seed: 5, projects: 400, scale: "sample", profile });
    return new Set(world.projects.flatMap((p) => p.lines.filter((l) => l.item !== NO_ITEM).map((l) => l.item.id))).size;
  };
  it("items and long-lists spread seed 5's 400-project budgets over many more distinct catalogue items", () => {
    expect(distinctItems("default")).toBe(115);
    expect(distinctItems("items")).toBe(2558);
    expect(distinctItems("long-lists")).toBe(2039);
  });
});
