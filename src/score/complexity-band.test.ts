import { describe, expect, it } from "vitest";
import { complexityBand } from "./complexity-band.js";

describe("complexityBand", () => {
  it("is \"Muito complexo\" above 6, \"Complexo\" above 3, else \"Normal\"", () => {
    expect(complexityBand(10)).toBe("Muito complexo");
    expect(complexityBand(6.1)).toBe("Muito complexo");
    expect(complexityBand(6)).toBe("Complexo");
    expect(complexityBand(3.1)).toBe("Complexo");
    expect(complexityBand(3)).toBe("Normal");
    expect(complexityBand(0)).toBe("Normal");
  });
});
