import { describe, expect, it } from "vitest";
import { instrument, REACH_GLOBAL, unitFinder } from "./reach.js";

const SOURCE = [
  "const LIMIT = 50;",
  "export function above(x: number): boolean {",
  "  return [x].filter((v) => v > LIMIT).length > 0;",
  "}",
  "export const half = (x: number) => x / 2;",
  "export const metric = { compute() { return above(1); } };",
  "",
].join("\n");

describe("reach: the outermost functions of a mutated file", () => {
  it("names the outermost function holding a position, none at module level", () => {
    const unitOf = unitFinder(SOURCE, "f.ts");
    expect(unitOf(SOURCE.indexOf("50"))).toBeUndefined();
    expect(unitOf(SOURCE.indexOf("v > LIMIT") + 2)).toBe("f.ts@0");
    expect(unitOf(SOURCE.indexOf("/ 2"))).toBe("f.ts@1");
    expect(unitOf(SOURCE.indexOf("above(1)"))).toBe("f.ts@2");
  });

  it("instruments each outermost function, block or expression body, to record its first call", () => {
    const hit = (n: number) => `globalThis.${REACH_GLOBAL}?.add("f.ts@${n}")`;
    expect(instrument(SOURCE, "f.ts")).toBe(
      [
        "const LIMIT = 50;",
        `export function above(x: number): boolean {${hit(0)};`,
        "  return [x].filter((v) => v > LIMIT).length > 0;",
        "}",
        `export const half = (x: number) => (${hit(1)}, x / 2);`,
        `export const metric = { compute() {${hit(2)}; return above(1); } };`,
        "",
      ].join("\n"),
    );
  });

  it("records the functions that run, and only those", async () => {
    const js = instrument("export function a() { return 1; }\nexport function b() { return 2; }\na();\n", "g.ts").replace(/^export /gm, "");
    const reached = new Set<string>();
    (globalThis as Record<string, unknown>)[REACH_GLOBAL] = reached;
    new Function(js)();
    (globalThis as Record<string, unknown>)[REACH_GLOBAL] = undefined;
    expect([...reached]).toEqual(["g.ts@0"]);
  });
});
