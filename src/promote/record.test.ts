import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJson, readRecords, writeRecord, type PromotionRecord } from "./record.js";

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
    expect(readRecords(root).get("valor_aprovado")).toEqual(record);
  });

  it("keep the earlier file when a re-promotion changes nothing but the date", () => {
    const root = mkdtempSync(join(tmpdir(), "salic-record-"));
    writeRecord(root, record);
    writeRecord(root, { ...record, date: "2026-02-03" });
    expect(JSON.parse(readFileSync(join(root, "promoted", "valor_aprovado.json"), "utf8")).date).toBe("2026-01-02");
    writeRecord(root, { ...record, compared: 4, date: "2026-02-03" });
    expect(JSON.parse(readFileSync(join(root, "promoted", "valor_aprovado.json"), "utf8")).date).toBe("2026-02-03");
  });

  it("name a record that is not valid JSON", () => {
    const root = mkdtempSync(join(tmpdir(), "salic-record-"));
    mkdirSync(join(root, "promoted"));
    writeFileSync(join(root, "promoted", "valor_aprovado.json"), "{");
    expect(() => readRecords(root)).toThrow(/^promoted\/valor_aprovado\.json is not valid JSON .*; restore it from git or re-promote$/);
  });
});
