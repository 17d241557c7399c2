import { describe, expect, it } from "vitest";
import { histogram } from "./distribution.js";

describe("histogram", () => {
  it("splits [low, high] into 20 equal bins, limits rounded outwards to the cent, the top value in the last bin", () => {
    const { limites, projetos } = histogram([0, 1, 1, 5, 10], 0, 10, 2);
    expect(limites).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10]);
    expect(projetos).toEqual([1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("rounds the ends outwards (floor the low end, ceil the high end), the bins equal between them", () => {
    const { limites, projetos } = histogram([0.123, 0.987], 0.123, 0.987, 1);
    expect(limites.slice(0, 3)).toEqual([0.1, 0.145, 0.19]);
    expect(limites[20]).toBe(1);
    expect(projetos.reduce((a, b) => a + b, 0)).toBe(2);
    expect(projetos[0]).toBe(1);
    expect(projetos[19]).toBe(1);
  });

  it("widens a range of one value by one unit of the last digit each way", () => {
    const { limites, projetos } = histogram([3, 3, 3], 3, 3, 2);
    expect(limites[0]).toBe(2.99);
    expect(limites[20]).toBe(3.01);
    expect(projetos[10]).toBe(3);
  });
});
