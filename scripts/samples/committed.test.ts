/**
 * The committed sample (data-samples/): it is what seed 42 regenerates, it has
 * the realistic shape the issue asks for, and its planted anomalies are flagged
 * when the spec's rules are applied to the CSV files themselves (computed here
 * from the text, independently of the generator's model).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import { afterAll, describe, expect, it } from "vitest";
import { runSamples } from "./samples.js";

const DIR = join(import.meta.dirname, "..", "..", "data-samples");
type Row = Record<string, string | null>;
const read = (table: string): Row[] => pl.readCSV(join(DIR, `${table}.csv`), { inferSchemaLength: 0 }).toRecords() as Row[];
const budget = read("planilha_orcamentaria");
const links = read("planilha_comprovacao");
const approvedLinks = read("planilha_aprovacao_comprovacao");
const raised = read("planilha_captacao");
const projects = read("planilha_projetos");
const truth = JSON.parse(readFileSync(join(DIR, "ground-truth.json"), "utf8")) as { seed: number; anomalies: Record<string, string[]> };
const manifest = JSON.parse(readFileSync(join(DIR, "manifest.json"), "utf8")) as {
  seed: number;
  projects: number;
  files: Record<string, string>;
};

/** "12.34" / "12.345" / "-0.00375" → micro-reais, exactly. */
function micros(text: string | null | undefined): number {
  const written = text ?? "0";
  const [int, frac = ""] = written.replace(/^-/, "").split(".");
  return (written.startsWith("-") ? -1 : 1) * (Number(int) * 1_000_000 + Number(frac.padEnd(6, "0")));
}
const str = (v: string | null | undefined) => v ?? "";

/** The most frequent non-empty value, ties to the smallest; "" when every value is empty (spec §3: a row without a code is not counted). */
function mode(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== "") counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? "";
}

/** Per PRONAC: its segment (most frequent) and a value; flagged when above its segment's mean + 1.5·std. */
function gaussianFlags(rows: Row[], pronacCol: string, segCol: string, value: (rows: Row[]) => number, sample: boolean): Set<string> {
  const byPronac = new Map<string, Row[]>();
  // Rows without a PRONAC are no project's; a project without a segment code is in no segment's statistics.
  for (const r of rows) if (str(r[pronacCol]) !== "") byPronac.set(str(r[pronacCol]), [...(byPronac.get(str(r[pronacCol])) ?? []), r]);
  const bySegment = new Map<string, Array<[string, number]>>();
  for (const [p, rs] of byPronac) {
    const s = mode(rs.map((r) => str(r[segCol])));
    if (s === "") continue;
    bySegment.set(s, [...(bySegment.get(s) ?? []), [p, value(rs)]]);
  }
  const out = new Set<string>();
  for (const g of bySegment.values()) {
    const n = g.length;
    if (n - (sample ? 1 : 0) <= 0) continue;
    const mean = g.reduce((s, [, v]) => s + v, 0) / n;
    const std = Math.sqrt(g.reduce((s, [, v]) => s + (v - mean) ** 2, 0) / (n - (sample ? 1 : 0)));
    for (const [p, v] of g) if (v > mean + 1.5 * std) out.add(p);
  }
  return out;
}

function expectAllFlagged(metric: string, flagged: Set<string>): void {
  const planted = truth.anomalies[metric] ?? [];
  expect(planted.length, `${metric} has planted projects`).toBeGreaterThan(0);
  expect(planted.filter((p) => !flagged.has(p)), metric).toEqual([]);
}

describe("data-samples is the committed seed-42 sample", () => {
  const tmp = mkdtempSync(join(tmpdir(), "salic-committed-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("regenerating seed 42 with 400 projects reproduces its manifest", () => {
    expect(manifest.seed).toBe(42);
    expect(manifest.projects).toBe(400);
    runSamples({ seed: 42, projects: 400, scale: "sample", out: tmp });
    expect(JSON.parse(readFileSync(join(tmp, "manifest.json"), "utf8"))).toEqual(manifest);
    expect(readFileSync(join(tmp, "README.md"), "utf8")).toBe(readFileSync(join(DIR, "README.md"), "utf8"));
  });
  it("its files match the manifest's sha256", () => {
    for (const [file, sha] of Object.entries(manifest.files)) {
      expect(createHash("sha256").update(readFileSync(join(DIR, file))).digest("hex"), file).toBe(sha);
    }
  });
  it("weighs less than 5 MB", () => {
    const total = readdirSync(DIR).reduce((s, f) => s + statSync(join(DIR, f)).size, 0);
    expect(total).toBeLessThan(5_000_000);
  });
});

describe("data-samples has the real database's shape", () => {
  it("has 20+ segments with alphanumeric codes, some with a single budget project", () => {
    const segments = new Set(projects.map((r) => str(r.Segmento)));
    expect(segments.size).toBeGreaterThanOrEqual(20);
    expect([...segments].some((s) => /[A-Z]/.test(s))).toBe(true);
    const perSegment = new Map<string, Set<string>>();
    for (const r of budget) perSegment.set(str(r.idSegmento), (perSegment.get(str(r.idSegmento)) ?? new Set()).add(str(r.PRONAC)));
    const sizes = [...perSegment.values()].map((s) => s.size);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBeGreaterThan(25);
  });
  it("keeps PRONACs as strings with leading zeros, 000014 included", () => {
    const pronacs = projects.map((r) => str(r.PRONAC));
    expect(pronacs).toContain("000014");
    expect(new Set(pronacs).size).toBe(pronacs.length);
    expect(new Set(pronacs.map(Number)).size).toBe(pronacs.length);
    expect(budget.some((r) => r.PRONAC === "000014")).toBe(true);
  });
  it("has budget rows of PRONACs missing from planilha_projetos, and projects with no budget", () => {
    const listed = new Set(projects.map((r) => str(r.PRONAC)));
    const inBudget = new Set(budget.map((r) => str(r.PRONAC)));
    expect([...inBudget].filter((p) => !listed.has(p)).length).toBeGreaterThan(0);
    expect([...listed].filter((p) => !inBudget.has(p)).length).toBeGreaterThan(50);
  });
  it("has tax ids of 11, 14 and 19 digits (some negative) and reused providers and proponents", () => {
    const ids = links.map((r) => str(r.nrCNPJCPF));
    expect(ids.some((t) => /^\d{11}$/.test(t))).toBe(true);
    expect(ids.some((t) => /^\d{14}$/.test(t))).toBe(true);
    expect(ids.some((t) => /^-\d{19}$/.test(t))).toBe(true);
    const providerProjects = new Map<string, Set<string>>();
    for (const r of links) providerProjects.set(str(r.nrCNPJCPF), (providerProjects.get(str(r.nrCNPJCPF)) ?? new Set()).add(str(r.PRONAC)));
    expect([...providerProjects.values()].some((s) => s.size >= 3)).toBe(true);
    const perProponent = new Map<string, number>();
    for (const r of projects) perProponent.set(str(r.CgcCpf), (perProponent.get(str(r.CgcCpf)) ?? 0) + 1);
    expect(Math.max(...perProponent.values())).toBeGreaterThanOrEqual(3);
  });
  it("writes every payment type spelling: 1, 2, 3, 0, empty, 1.0, 2.0", () => {
    const types = new Set(links.map((r) => str(r.tpFormaDePagamento)));
    for (const t of ["1", "2", "3", "0", "", "1.0", "2.0"]) expect(types.has(t), JSON.stringify(t)).toBe(true);
  });
  it("has item names with a line break, double quotes, commas and accents", () => {
    const items = budget.map((r) => str(r.Item));
    expect(items.some((s) => s.includes("\n"))).toBe(true);
    expect(items.some((s) => s.includes('"'))).toBe(true);
    expect(items.some((s) => s.includes(","))).toBe(true);
    expect(items.some((s) => /[ãçéêóú]/.test(s))).toBe(true);
  });
  it("dates budget lines before and after 2013-01-01 and writes a few 3-decimal unit prices", () => {
    expect(budget.some((r) => str(r.DataProjeto) < "2013-01-01")).toBe(true);
    expect(budget.some((r) => str(r.DataProjeto) >= "2013-01-01")).toBe(true);
    expect(budget.some((r) => /\.\d{3}$/.test(str(r.VlUnitarioAprovado)))).toBe(true);
  });
  it("has receipts shared by several lines and links at exactly 150 % of their line", () => {
    const counts = new Map<string, number>();
    for (const r of links) counts.set(str(r.idComprovantePagamento), (counts.get(str(r.idComprovantePagamento)) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 1).length).toBeGreaterThan(5);
    expect(approvedLinks.some((r) => 2 * micros(r.vlComprovacao) === 3 * micros(r.vlAprovado))).toBe(true);
  });
  it("has raised funds for part of the projects, some raising exactly what they proved", () => {
    const raisedBy = new Map<string, number>();
    for (const r of raised) raisedBy.set(str(r.Pronac), (raisedBy.get(str(r.Pronac)) ?? 0) + micros(r.CaptacaoReal));
    const provenBy = new Map<string, number>();
    for (const r of links) provenBy.set(str(r.PRONAC), (provenBy.get(str(r.PRONAC)) ?? 0) + micros(r.vlComprovacao));
    expect(raisedBy.size).toBeGreaterThan(50);
    expect(raisedBy.size).toBeLessThan(projects.length);
    expect([...raisedBy].filter(([p, v]) => provenBy.get(p) === v).length).toBeGreaterThanOrEqual(3);
  });
});

describe("planted anomalies are flagged by the spec's rules computed from the CSV text", () => {
  it("itens_orcamentarios: line count above mean + 1.5·sample std of the segment", () => {
    expectAllFlagged("itens_orcamentarios", gaussianFlags(budget, "PRONAC", "idSegmento", (rs) => rs.length, true));
  });
  it("comprovante_pagamento: distinct receipts above mean + 1.5·population std", () => {
    const distinct = (rs: Row[]) => new Set(rs.map((r) => r.idComprovantePagamento)).size;
    expectAllFlagged("comprovante_pagamento", gaussianFlags(links, "PRONAC", "idSegmento", distinct, false));
  });
  it("valor_aprovado, valor_comprovado and valor_captado: totals above mean + 1.5·sample std", () => {
    const sum = (col: string) => (rs: Row[]) => rs.reduce((s, r) => s + micros(r[col] ?? null), 0);
    expectAllFlagged("valor_aprovado", gaussianFlags(budget, "PRONAC", "idSegmento", sum("VlTotalAprovado"), true));
    expectAllFlagged("valor_comprovado", gaussianFlags(links, "PRONAC", "idSegmento", sum("vlComprovacao"), true));
    expectAllFlagged("valor_captado", gaussianFlags(raised, "Pronac", "Segmento", sum("CaptacaoReal"), true));
  });
  it("valor_a_ser_comprovado: raised minus proven is not zero", () => {
    const flagged = new Set<string>();
    const provenBy = new Map<string, number>();
    for (const r of links) provenBy.set(str(r.PRONAC), (provenBy.get(str(r.PRONAC)) ?? 0) + micros(r.vlComprovacao));
    const raisedBy = new Map<string, number>();
    for (const r of raised) raisedBy.set(str(r.Pronac), (raisedBy.get(str(r.Pronac)) ?? 0) + micros(r.CaptacaoReal));
    for (const [p, v] of raisedBy) if (v !== (provenBy.get(p) ?? 0)) flagged.add(p);
    expectAllFlagged("valor_a_ser_comprovado", flagged);
  });
  it("comprovantes_acima_50: some row proves more than 1.5 × its approved value, in exact cents", () => {
    const flagged = new Set(approvedLinks.filter((r) => 2 * micros(r.vlComprovacao) > 3 * micros(r.vlAprovado)).map((r) => str(r.PRONAC)));
    expectAllFlagged("comprovantes_acima_50", flagged);
  });
  it("comprovante_cheque / transferencia / saque: a receipt on several rows with that payment type", () => {
    const counts = new Map<string, number>();
    for (const r of links) counts.set(str(r.idComprovantePagamento), (counts.get(str(r.idComprovantePagamento)) ?? 0) + 1);
    const flagged = (code: number) =>
      new Set(links.filter((r) => (counts.get(str(r.idComprovantePagamento)) ?? 0) > 1 && r.tpFormaDePagamento !== null && Number(r.tpFormaDePagamento) === code).map((r) => str(r.PRONAC)));
    expectAllFlagged("comprovante_cheque", flagged(1));
    expectAllFlagged("comprovante_transferencia", flagged(2));
    expectAllFlagged("comprovante_saque", flagged(3));
  });
  it("novos_fornecedores: share of providers seen in one (PRONAC, segment) only, above the segment's mean", () => {
    const pairs = new Map<string, Set<string>>();
    // A row without a tax id names no provider; a project with none has no share.
    const named = links.filter((r) => r.nrCNPJCPF !== null);
    for (const r of named) pairs.set(str(r.nrCNPJCPF), (pairs.get(str(r.nrCNPJCPF)) ?? new Set()).add(`${r.PRONAC}|${r.idSegmento}`));
    const byPronac = new Map<string, Row[]>();
    for (const r of links) byPronac.set(str(r.PRONAC), [...(byPronac.get(str(r.PRONAC)) ?? []), r]);
    const share = new Map<string, [string, number]>();
    for (const [p, rs] of byPronac) {
      const providers = new Set(rs.filter((r) => r.nrCNPJCPF !== null).map((r) => str(r.nrCNPJCPF)));
      if (providers.size === 0) continue;
      const fresh = [...providers].filter((t) => (pairs.get(t)?.size ?? 0) <= 1).length;
      share.set(p, [mode(rs.map((r) => str(r.idSegmento))), fresh / providers.size]);
    }
    const flagged = new Set<string>();
    for (const [p, [seg, pct]] of share) {
      const same = [...share.values()].filter(([s]) => s === seg).map(([, v]) => v);
      if (pct > same.reduce((a, b) => a + b, 0) / same.length) flagged.add(p);
    }
    expectAllFlagged("novos_fornecedores", flagged);
  });
  it("projetos_mesmo_proponente: each planted project's proponent has 2+ other projects with no rows elsewhere", () => {
    const withRows = new Set([...budget.map((r) => str(r.PRONAC)), ...links.map((r) => str(r.PRONAC)), ...raised.map((r) => str(r.Pronac))]);
    for (const p of truth.anomalies.projetos_mesmo_proponente ?? []) {
      const proponent = projects.find((r) => r.PRONAC === p)?.CgcCpf;
      const others = projects.filter((r) => r.CgcCpf === proponent && r.PRONAC !== p);
      // Two others is the least the rule judges (spec §4.10); the boundary plant uses exactly that.
      expect(others.length, p).toBeGreaterThanOrEqual(2);
      expect(others.filter((r) => withRows.has(str(r.PRONAC))), p).toEqual([]);
      const weightFive = [...(truth.anomalies.comprovante_transferencia ?? []), ...(truth.anomalies.comprovante_saque ?? [])];
      expect(weightFive, p).toContain(p);
    }
  });
  it("Muito complexo: 2+ PRONACs are listed under weighted metrics adding up to complexidade > 6 (spec §5)", () => {
    const weights: Record<string, number> = {
      itens_orcamentarios: 1, valor_a_ser_comprovado: 5, comprovantes_acima_50: 2, comprovante_cheque: 1,
      comprovante_transferencia: 5, comprovante_saque: 5, novos_fornecedores: 1, projetos_mesmo_proponente: 2,
    };
    const sum = new Map<string, number>();
    for (const [metric, pronacs] of Object.entries(truth.anomalies)) for (const p of pronacs) sum.set(p, (sum.get(p) ?? 0) + (weights[metric] ?? 0));
    // The planted metrics alone are a lower bound: each is checked above to be flagged from the CSV text.
    const complex = [...sum].filter(([, s]) => Math.round((100 * s) / 22) / 10 > 6).map(([p]) => p);
    expect(complex.length).toBeGreaterThanOrEqual(2);
  });
});
