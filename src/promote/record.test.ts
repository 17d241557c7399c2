import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJson, readRecord, readRecords, writeRecord, type PromotionRecord } from "./record.js";

const record: PromotionRecord = {
  metric: "valor_aprovado",
  verdict: "pass",
  notebook: { path: "notebooks/04_valor_aprovado.ipynb", sha256: "a".repeat(64) },
  module: { path: "src/metrics/valor-aprovado.ts", sha256: "b".repeat(64), deps: [] },
  data: { dir: "data-samples", files: { "planilha_orcamentaria.csv": "c".repeat(64) } },
  tolerance: { abs: 0.005, rel: 0 },
  compared: 3,
  max_abs_diff: 0,
  max_rel_diff: 0,
  versions: { node: "v20.0.0" },
  date: "2026-01-02",
};

describe("promotion records", () => {
  it("are canonical JSON: keys sorted by code point at every level, 2-space indent, trailing newline", () => {
    expect(canonicalJson({ b: { "9": 1, "10": 2 }, a: [] })).toBe('{\n  "a": [],\n  "b": {\n    "10": 2,\n    "9": 1\n  }\n}\n');
  });

  it("are written to promoted/<metric>.json and read back keyed by metric", () => {
    const root = mkdtempSync(join(tmpdir(), "salic-record-"));
    writeRecord(root, record);
    expect(readFileSync(join(root, "promoted", "valor_aprovado.json"), "utf8")).toBe(canonicalJson(record));
    expect(readRecords(root, ["valor_aprovado"]).records.get("valor_aprovado")).toEqual(record);
  });

  it("keep the earlier file when a re-promotion changes nothing but the date", () => {
    const root = mkdtempSync(join(tmpdir(), "salic-record-"));
    writeRecord(root, record);
    writeRecord(root, { ...record, date: "2026-02-03" });
    expect(JSON.parse(readFileSync(join(root, "promoted", "valor_aprovado.json"), "utf8")).date).toBe("2026-01-02");
    writeRecord(root, { ...record, compared: 4, date: "2026-02-03" });
    expect(JSON.parse(readFileSync(join(root, "promoted", "valor_aprovado.json"), "utf8")).date).toBe("2026-02-03");
  });

  it("name a record that is not valid JSON, or not a record's shape, with what to run", () => {
    const root = mkdtempSync(join(tmpdir(), "salic-record-"));
    mkdirSync(join(root, "promoted"));
    const text = canonicalJson(record);
    writeFileSync(join(root, "promoted", "valor_aprovado.json"), text.slice(0, text.length / 2));
    writeFileSync(join(root, "promoted", "valor_captado.json"), canonicalJson({ ...record, metric: "valor_captado", compared: "3", tolerance: { abs: 0.005 } }));
    writeFileSync(join(root, "promoted", "valor_comprovado.json"), "null\n");
    const { records, damaged } = readRecords(root, ["valor_aprovado", "valor_captado", "valor_comprovado", "preco_itens"]);
    expect(records.size).toBe(0);
    expect([...damaged]).toEqual([
      ["valor_aprovado", expect.stringMatching(/^promoted\/valor_aprovado\.json: not valid JSON \(.+\) — rerun npm run promote -- valor_aprovado$/)],
      [
        "valor_captado",
        'promoted/valor_captado.json: field tolerance.rel is missing; field compared must be a number (a whole count of projects), found "3" — rerun npm run promote -- valor_captado',
      ],
      ["valor_comprovado", "promoted/valor_comprovado.json: not a promotion record: expected a JSON object, found null — rerun npm run promote -- valor_comprovado"],
    ]);
    expect(readRecord(root, "preco_itens")).toEqual({ kind: "missing" });
  });

  it("replace a damaged earlier file", () => {
    const root = mkdtempSync(join(tmpdir(), "salic-record-"));
    mkdirSync(join(root, "promoted"));
    writeFileSync(join(root, "promoted", "valor_aprovado.json"), "{");
    writeRecord(root, record);
    expect(readFileSync(join(root, "promoted", "valor_aprovado.json"), "utf8")).toBe(canonicalJson(record));
  });
});
