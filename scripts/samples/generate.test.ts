import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA, TABLE_NAMES } from "../../src/data/schema.js";
import { buildWorld, checkPlants } from "./generate.js";
import type { MetricId, Project } from "./model.js";
import { METRIC_CATALOG } from "../../src/metrics/catalog.js";
import { complexidade, PROPONENT_WEIGHTS, SCORE_WEIGHTS } from "./rules.js";
import { runSamples } from "./samples.js";

const root = mkdtempSync(join(tmpdir(), "salic-samples-test-"));
const dirA = join(root, "a");
const dirB = join(root, "b");
const dirC = join(root, "c");

beforeAll(() => {
  runSamples({ seed: 5, projects: 120, scale: "sample", out: dirA });
  runSamples({ seed: 5, projects: 120, scale: "sample", out: dirB });
  runSamples({ seed: 6, projects: 120, scale: "sample", out: dirC });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CSVS = TABLE_NAMES.map((t) => `${t}.csv`);

describe("determinism", () => {
  it("the same seed writes the same bytes in every file", () => {
    const files = readdirSync(dirA).sort();
    expect(files).toEqual(readdirSync(dirB).sort());
    for (const f of files) expect(readFileSync(join(dirA, f)).equals(readFileSync(join(dirB, f))), f).toBe(true);
  });
  it("another seed writes other tables", () => {
    for (const f of CSVS) expect(readFileSync(join(dirA, f)).equals(readFileSync(join(dirC, f))), f).toBe(false);
  });
});

describe("tables", () => {
  it("have exactly the schema's columns, in the schema's order", () => {
    for (const t of TABLE_NAMES) {
      const header = readFileSync(join(dirA, `${t}.csv`), "utf8").split("\n", 1)[0];
      expect(header, t).toBe(SCHEMA[t].map((c) => c.name).join(","));
    }
  });
  it("parse as CSV with the header's width on every row (quoted commas, quotes and line breaks included)", () => {
    for (const t of TABLE_NAMES) {
      const df = pl.readCSV(join(dirA, `${t}.csv`), { inferSchemaLength: 0 });
      expect(df.columns).toEqual(SCHEMA[t].map((c) => c.name));
      expect(df.height, t).toBeGreaterThan(0);
    }
  });
});

describe("manifest", () => {
  it("holds seed, projects and the sha256 of the five CSVs and ground-truth.json, keys sorted", () => {
    const manifest = JSON.parse(readFileSync(join(dirA, "manifest.json"), "utf8")) as {
      seed: number;
      projects: number;
      files: Record<string, string>;
    };
    expect(manifest.seed).toBe(5);
    expect(manifest.projects).toBe(120);
    const names = [...CSVS, "ground-truth.json"].sort();
    expect(Object.keys(manifest.files)).toEqual(names);
    for (const f of names) {
      expect(manifest.files[f]).toBe(createHash("sha256").update(readFileSync(join(dirA, f))).digest("hex"));
    }
  });
});

describe("ground truth", () => {
  it("lists every metric of the spec with sorted PRONACs of planilha_projetos", () => {
    const truth = JSON.parse(readFileSync(join(dirA, "ground-truth.json"), "utf8")) as {
      seed: number;
      anomalies: Record<string, string[]>;
    };
    expect(truth.seed).toBe(5);
    expect(Object.keys(truth.anomalies)).toEqual([
      "itens_orcamentarios", "comprovante_pagamento", "valor_comprovado", "valor_aprovado", "valor_captado",
      "valor_a_ser_comprovado", "comprovantes_acima_50", "comprovante_cheque", "comprovante_transferencia",
      "comprovante_saque", "novos_fornecedores", "projetos_mesmo_proponente", "preco_itens",
      "itens_comuns_e_incomuns_por_segmento",
    ]);
    const listed = new Set(pl.readCSV(join(dirA, "planilha_projetos.csv"), { inferSchemaLength: 0 }).getColumn("PRONAC").toArray());
    for (const [metric, pronacs] of Object.entries(truth.anomalies)) {
      expect([...pronacs].sort(), metric).toEqual(pronacs);
      for (const p of pronacs) expect(listed.has(p), `${metric} ${p}`).toBe(true);
    }
  });
  it("checkPlants rejects a planted project that its metric's rule does not flag", () => {
    const world = buildWorld({ seed: 5, projects: 120, scale: "sample" });
    const smallest = world.projects.filter((p) => p.listed && p.lines.length > 0).sort((a, b) => a.lines.length - b.lines.length)[0];
    world.planted.get("itens_orcamentarios")?.add(smallest!);
    expect(() => checkPlants(world)).toThrow(new RegExp(`itens_orcamentarios planted on ${smallest!.pronac}`));
  });
});

describe("complexidade (spec §5)", () => {
  const p = {} as Project;
  const flags = (...ids: MetricId[]) => new Map<MetricId, Set<Project>>(ids.map((id) => [id, new Set([p])]));
  it("is round(10 · Σ weight / 22, 1) over the flagged weighted metrics", () => {
    expect(complexidade(p, flags())).toBe(0);
    expect(complexidade(p, flags("comprovante_transferencia", "comprovante_saque", "valor_a_ser_comprovado"))).toBe(6.8);
    expect(complexidade(p, flags("comprovante_transferencia", "comprovante_saque", "valor_a_ser_comprovado", "comprovantes_acima_50"))).toBe(7.7);
    expect(complexidade(p, flags("projetos_mesmo_proponente", "itens_orcamentarios"))).toBe(1.4);
  });
  it("weighs the metrics as the catalog does; the proponent metric sums those listed before it", () => {
    expect([...SCORE_WEIGHTS]).toEqual(METRIC_CATALOG.filter((e) => e.weight > 0).map((e) => [e.id, e.weight]));
    expect(PROPONENT_WEIGHTS.has("projetos_mesmo_proponente")).toBe(false);
    expect([...PROPONENT_WEIGHTS.values()].reduce((a, b) => a + b, 0)).toBe(20);
  });
  it("ignores metrics of weight 0", () => {
    expect(complexidade(p, flags("valor_comprovado", "preco_itens", "itens_comuns_e_incomuns_por_segmento"))).toBe(0);
  });
});

describe("Muito complexo plants", () => {
  it("two are planted, each on transfer, cash and unproven money (buildWorld checks them)", () => {
    const world = buildWorld({ seed: 5, projects: 120, scale: "sample" });
    expect(world.veryComplex.size).toBe(2);
    for (const p of world.veryComplex) {
      for (const m of ["comprovante_transferencia", "comprovante_saque", "valor_a_ser_comprovado"] as const) {
        expect(world.planted.get(m)?.has(p), `${p.pronac} ${m}`).toBe(true);
      }
    }
  });
  it("checkPlants rejects a Muito complexo project whose complexidade is not above 6", () => {
    const world = buildWorld({ seed: 5, projects: 120, scale: "sample" });
    const plain = world.projects.find((p) => p.listed && p.lines.length === 0 && p.links.length === 0 && p.raised.length === 0)!;
    world.veryComplex.add(plain);
    expect(() => checkPlants(world)).toThrow(new RegExp(`${plain.pronac} planted as "Muito complexo" but its complexidade is 0`));
  });
});
