import { describe, expect, it } from "vitest";
import { foldText } from "./search.js";

describe("foldText", () => {
  it("lower-cases and drops accents, so MÚSICA, Música and musica fold alike", () => {
    expect(foldText("MÚSICA")).toBe("musica");
    expect(foldText("Música")).toBe("musica");
    expect(foldText("Ação Cultural São João")).toBe("acao cultural sao joao");
  });
});
