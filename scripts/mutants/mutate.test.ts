import { describe, expect, it } from "vitest";
import { applyMutant, mutantsOf } from "./mutate.js";

const mutated = (source: string) => mutantsOf(source).map((m) => [m.line, m.mutation, applyMutant(source, m)]);

describe("mutantsOf", () => {
  it("swaps each comparison, equality, arithmetic and logical operator with its twin", () => {
    expect(mutated("a > b && c === d - e;")).toEqual([
      [1, "`>` → `>=`", "a >= b && c === d - e;"],
      [1, "`&&` → `||`", "a > b || c === d - e;"],
      [1, "`===` → `!==`", "a > b && c !== d - e;"],
      [1, "`-` → `+`", "a > b && c === d + e;"],
    ]);
  });

  it("moves integer constants by one and other constants by 1 %, and dates by a day", () => {
    expect(mutated('x(0, 1.5, "2013-01-01");')).toEqual([
      [1, "`0` +1 → `1`", 'x(1, 1.5, "2013-01-01");'],
      [1, "`0` −1 → `(-1)`", 'x((-1), 1.5, "2013-01-01");'],
      [1, "`1.5` ×1.01 → `1.515`", 'x(0, 1.515, "2013-01-01");'],
      [1, 'date "2013-01-01" → "2012-12-31"', 'x(0, 1.5, "2012-12-31");'],
      [1, 'date "2013-01-01" → "2013-01-02"', 'x(0, 1.5, "2013-01-02");'],
    ]);
  });

  it("swaps polars comparison methods and removes a filter call", () => {
    expect(mutated("t.filter(c.gtEq(v));")).toEqual([
      [1, "`.filter(…)` removed", "t;"],
      [1, "`.gtEq(…)` → `.gt(…)`", "t.filter(c.gt(v));"],
    ]);
  });

  it("leaves strings, comments, types and imports alone", () => {
    expect(mutated('import { a } from "./b.js";\n// a > b\nconst s: Array<1> = "a > 1";\n')).toEqual([]);
  });

  it("gives the same mutants in the same order every time", () => {
    const source = "if (a < 2 || b <= c + 1) f.lt(3);";
    expect(mutantsOf(source)).toEqual(mutantsOf(source));
    expect(mutantsOf(source).map((m) => `${m.column}:${m.replacement}`)).toEqual([
      "7:<=", "9:3", "9:1", "11:&&", "16:<", "21:-", "23:2", "23:0", "28:ltEq", "31:4", "31:2",
    ]);
  });
});
