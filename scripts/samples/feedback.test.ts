import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { feedbackCsv } from "./feedback.js";
import { buildWorld } from "./generate.js";

const committed = readFileSync(join(import.meta.dirname, "..", "..", "data-samples", "feedback", "exportacao.csv"), "utf8");
const lines = committed.trimEnd().split("\r\n");

describe("data-samples/feedback/exportacao.csv, the synthetic feedback export", () => {
  it("is what seed 42 with 400 projects regenerates, byte for byte", () => {
    expect(feedbackCsv(buildWorld({ seed: 42, projects: 400, scale: "sample" }))).toBe(committed);
  });
  it("has the export's header and one entry per CRLF line (no comment spans lines)", () => {
    expect(lines[0]).toBe("pronac,metrica,avaliacao,nota,comentario,analista,quando");
    expect(lines.length).toBe(47);
  });
  it("holds both judgements, project grades, quoted and empty comments, and a masked tax id", () => {
    expect(lines).toContain("100038,itens_orcamentarios,falso_alarme,,,Ana Ribeiro,2026-11-03T19:28:00.000Z");
    expect(lines).toContain('190075,valor_a_ser_comprovado,falso_alarme,,"Situação ""C09"" explica o valor.",Carla Menezes,2026-11-04T21:21:00.000Z');
    expect(lines).toContain("180045,,,5,,Carla Menezes,2026-11-05T11:36:00.000Z");
    expect(lines[1]).toBe(
      "170076,comprovante_transferencia,util,,Fornecedor ***.***.115-** recebe por dois itens no mesmo comprovante.,Bruno Carvalho,2026-11-02T15:59:00.000Z",
    );
    expect(committed).not.toMatch(/\d{11}/);
  });
  it("is in time order", () => {
    const times = lines.slice(1).map((line) => line.slice(line.lastIndexOf(",") + 1));
    expect(times).toEqual([...times].sort());
  });
});
