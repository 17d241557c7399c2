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
    // Seven fields per line once quoted commas are set aside: a comment never carries a line break.
    for (const line of lines) expect(line.replace(/"(?:[^"]|"")*"/g, "").split(",").length, line).toBe(7);
    expect(lines.length).toBeGreaterThan(40);
  });
  it("holds both judgements, project grades, quoted and empty comments, and a masked tax id", () => {
    expect(lines.some((l) => /^\d{6},[a-z_0-9]+,falso_alarme,,,/.test(l))).toBe(true);
    expect(lines.some((l) => /^\d{6},[a-z_0-9]+,util,,/.test(l))).toBe(true);
    expect(lines.some((l) => /,"[^"]*""[^"]+""[^"]*",/.test(l))).toBe(true);
    expect(lines.some((l) => /^\d{6},,,[1-5],,/.test(l))).toBe(true);
    expect(lines.some((l) => /Fornecedor (\*\*\*\.\*\*\*\.\d{3}-\*\*|\*\*\.\*\*\*\.\d{3}\/\*\*\*\*-\*\*) recebe/.test(l))).toBe(true);
    expect(committed).not.toMatch(/\d{11}/);
  });
  it("is in time order", () => {
    const times = lines.slice(1).map((line) => line.slice(line.lastIndexOf(",") + 1));
    expect(times).toEqual([...times].sort());
  });
});
