import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { exactMoney, roundMoney } from "./money.js";

describe("exactMoney", () => {
  it("sums 0.1 + 0.2 to exactly 300000 micro-reais", () => {
    const df = pl.DataFrame({ v: [0.1, 0.2] });
    expect(df.select(exactMoney("v").sum().alias("s")).getColumn("s").get(0)).toBe(300000);
  });
  it("keeps a third and fourth decimal", () => {
    const df = pl.DataFrame({ v: [10.125, 0.0001, -3.5] });
    expect(df.select(exactMoney("v")).getColumn("v").toArray()).toEqual([10125000, 100, -3500000]);
  });
});

describe("roundMoney", () => {
  it("reports 2 decimals", () => {
    expect(roundMoney(300000)).toBe(0.3);
    expect(roundMoney(123456789)).toBe(123.46);
    expect(roundMoney(-10130000)).toBe(-10.13);
  });
  it("gives 0, not −0, for a negative amount below half a cent", () => {
    expect(Object.is(roundMoney(-1000), 0)).toBe(true); // −0.001 reais
  });
  it("rounds half to even", () => {
    expect(roundMoney(10125000)).toBe(10.12);
    expect(roundMoney(10135000)).toBe(10.14);
    expect(roundMoney(-10125000)).toBe(-10.12);
  });
});
