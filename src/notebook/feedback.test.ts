import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { feedbackByMetric, readFeedbackExport, wilsonInterval } from "./feedback.js";

const dir = mkdtempSync(join(tmpdir(), "salic-feedback-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const HEADER = "pronac,metrica,avaliacao,nota,comentario,analista,quando\n";

describe("readFeedbackExport", () => {
  it("reads the CSV export: judgements, grades, quoted comments over two lines, empty fields as null", () => {
    const path = file(
      "ok.csv",
      HEADER +
        '000014,preco_itens,util,,"Confere, ""sim""\nsegunda linha",Ana,2026-12-03T14:55:00.000Z\n' +
        "000014,,,4,,Bruno,2026-12-03T15:00:00.000Z\n",
    );
    expect(readFeedbackExport(path)).toEqual([
      { pronac: "000014", metrica: "preco_itens", avaliacao: "util", nota: null, comentario: 'Confere, "sim"\nsegunda linha', analista: "Ana", quando: "2026-12-03T14:55:00.000Z" },
      { pronac: "000014", metrica: null, avaliacao: null, nota: 4, comentario: "", analista: "Bruno", quando: "2026-12-03T15:00:00.000Z" },
    ]);
  });
  it("reads the JSON export", () => {
    const path = file(
      "ok.json",
      JSON.stringify([{ pronac: "1012345", metrica: "novos_fornecedores", avaliacao: "falso_alarme", nota: null, comentario: "", analista: "Ana", quando: "2026-12-03T14:55:00.000Z" }]),
    );
    expect(readFeedbackExport(path)).toEqual([
      { pronac: "1012345", metrica: "novos_fornecedores", avaliacao: "falso_alarme", nota: null, comentario: "", analista: "Ana", quando: "2026-12-03T14:55:00.000Z" },
    ]);
  });
  it("names the file, the physical line and the column of a bad value", () => {
    const path = file("bad.csv", HEADER + '1,preco_itens,util,,"a\nb",Ana,2026-12-03T14:55:00.000Z\n2,preco_itens,talvez,,,Ana,2026-12-03T14:55:00.000Z\n');
    expect(() => readFeedbackExport(path)).toThrow('bad.csv, line 4, column avaliacao: expected "util" or "falso_alarme", got "talvez"');
    const metric = file("metric.csv", `${HEADER}1,preco,util,,,Ana,2026-12-03T14:55:00.000Z\n`);
    expect(() => readFeedbackExport(metric)).toThrow('metric.csv, line 2, column metrica: expected a metric id of the catalog (or a grade in nota), got "preco"');
    const grade = file("grade.csv", `${HEADER}1,,,6,,Ana,2026-12-03T14:55:00.000Z\n`);
    expect(() => readFeedbackExport(grade)).toThrow('grade.csv, line 2, column nota: expected a grade from 1 to 5, got "6"');
    const time = file("time.csv", `${HEADER}1,,,3,,Ana,03/12/2026\n`);
    expect(() => readFeedbackExport(time)).toThrow("time.csv, line 2, column quando: expected an ISO 8601 UTC time");
  });
  it("refuses another header, and a JSON entry with other keys, naming the entry", () => {
    expect(() => readFeedbackExport(file("head.csv", "pronac,metrica\n1,preco_itens\n"))).toThrow(
      "head.csv, line 1: expected the header pronac,metrica,avaliacao,nota,comentario,analista,quando, got pronac,metrica",
    );
    expect(() => readFeedbackExport(file("keys.json", '[{"pronac": "1"}]'))).toThrow("keys.json, row 1: expected the keys");
  });
});

describe("feedbackByMetric", () => {
  it("counts each metric's judgements in catalog order, grades left out", () => {
    const at = { comentario: "", analista: "Ana", quando: "2026-12-03T14:55:00.000Z", nota: null };
    const rows = feedbackByMetric([
      { ...at, pronac: "1", metrica: "preco_itens", avaliacao: "util" },
      { ...at, pronac: "2", metrica: "preco_itens", avaliacao: "falso_alarme" },
      { ...at, pronac: "3", metrica: "preco_itens", avaliacao: "util" },
      { ...at, pronac: "1", metrica: "itens_orcamentarios", avaliacao: "falso_alarme" },
      { ...at, pronac: "1", metrica: null, avaliacao: null, nota: 5 },
    ]);
    expect(rows[0]).toMatchObject({ metrica: "itens_orcamentarios", entradas: 1, util: 0, falso_alarme: 1, "share util": 0 });
    expect(rows.find((r) => r.metrica === "preco_itens")).toMatchObject({ metrica: "preco_itens", entradas: 3, util: 2, falso_alarme: 1, "share util": 2 / 3 });
    expect(rows.find((r) => r.metrica === "comprovante_saque")).toEqual({
      metrica: "comprovante_saque", entradas: 0, util: 0, falso_alarme: 0, "share util": null, "95% low": null, "95% high": null,
    });
    expect(rows.length).toBe(14);
  });
});

describe("wilsonInterval", () => {
  it("gives the 95 % Wilson score interval (2 of 3: 0.2077–0.9385; 0 of 1: 0–0.7935; 10 of 10: 0.7225–1)", () => {
    const round = ([a, b]: [number, number]) => [Number(a.toFixed(4)), Number(b.toFixed(4))];
    expect(round(wilsonInterval(2, 3))).toEqual([0.2077, 0.9385]);
    expect(round(wilsonInterval(0, 1))).toEqual([0, 0.7935]);
    expect(round(wilsonInterval(10, 10))).toEqual([0.7225, 1]);
  });
});
