import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import type { SalicTables } from "../data/schema.js";
import { cleanItemName, comprovantesAcima50, percentageAboveApproved } from "./comprovantes-acima-50.js";

type Row = [string, string | null, number | null, number | null];

/** planilha_aprovacao_comprovacao rows: PRONAC, Item, vlAprovado, vlComprovacao. */
function links(rows: Row[]): pl.DataFrame {
  const col = <T>(i: number) => rows.map((r) => r[i] as T);
  return pl.DataFrame(
    { PRONAC: col(0), Item: col(1), vlAprovado: col(2), vlComprovacao: col(3) },
    { schema: { PRONAC: pl.Utf8, Item: pl.Utf8, vlAprovado: pl.Float64, vlComprovacao: pl.Float64 } },
  );
}

function compute(rows: Row[], projects: string[] = []) {
  const tables: SalicTables = {
    planilha_aprovacao_comprovacao: links(rows),
    planilha_projetos: pl.DataFrame({ PRONAC: projects }, { schema: { PRONAC: pl.Utf8 } }),
  };
  return comprovantesAcima50.compute(tables, new Map());
}

describe("comprovantes_acima_50", () => {
  it("is weighted 2, right tail, available for every project", () => {
    expect(comprovantesAcima50).toMatchObject({
      id: "comprovantes_acima_50",
      weight: 2,
      tail: "right",
      absence: "zero",
      tables: ["planilha_aprovacao_comprovacao"],
      details: ["lista_de_comprovantes"],
    });
  });

  it("does not flag a value exactly 1.5 times approved, compared exactly (0.45 vs 0.30)", () => {
    const r = compute([
      ["1", "a", 0.3, 0.45],
      ["1", "b", 100, 150],
      ["1", "c", 0.1, 0.15],
    ]);
    expect(r.get("1")).toEqual({
      valor: 0,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: 0,
      lista_de_comprovantes: [],
    });
  });

  it("flags a value one cent above 1.5 times approved", () => {
    const r = compute([["1", "b", 100, 150.01]]);
    expect(r.get("1")).toMatchObject({ valor: 1, is_outlier: true });
    expect((r.get("1")?.lista_de_comprovantes as { porcentagem: number }[])[0]?.porcentagem).toBeCloseTo(50.01, 9);
  });

  it("reports porcentagem = vc/va·100 − 100, and the proven value itself when approved is 0", () => {
    const r = compute([
      ["1", "a", 40, 70],
      ["1", "b", 0, 80],
      ["1", "c", 0, 0],
    ]);
    expect(r.get("1")?.lista_de_comprovantes).toEqual([
      { nome: "a", valor_aprovado: 40, valor_comprovado: 70, porcentagem: 75 },
      { nome: "b", valor_aprovado: 0, valor_comprovado: 80, porcentagem: 80 },
    ]);
  });

  it("cleans nome of CR, LF, quotes and backslashes, keeping spaces", () => {
    const r = compute([["1", 'Cachê "principal"\r\n d\'o \\ palco', 1, 2]]);
    expect((r.get("1")?.lista_de_comprovantes as { nome: string }[])[0]?.nome).toBe("Cachê principal do  palco");
  });

  it("sorts the list by nome, then valor_comprovado, and rounds money to 2 decimals", () => {
    const r = compute([
      ["1", "b", 1, 2],
      ["1", "a", 1, 10.125],
      ["1", "a", 2, 4],
    ]);
    expect(r.get("1")?.lista_de_comprovantes).toEqual([
      { nome: "a", valor_aprovado: 2, valor_comprovado: 4, porcentagem: 100 },
      { nome: "a", valor_aprovado: 1, valor_comprovado: 10.12, porcentagem: 912.5 },
      { nome: "b", valor_aprovado: 1, valor_comprovado: 2, porcentagem: 100 },
    ]);
  });

  it("counts rows per project, keeping PRONAC 000014 apart from 14", () => {
    const r = compute([
      ["14", "a", 1, 2],
      ["000014", "a", 1, 2],
      ["000014", "b", 1, 3],
    ]);
    expect(r.get("14")?.valor).toBe(1);
    expect(r.get("000014")?.valor).toBe(2);
  });

  it("ignores rows whose values are null", () => {
    const r = compute([
      ["1", "a", null, 2],
      ["1", "b", 1, null],
    ]);
    expect(r.get("1")?.valor).toBe(0);
  });

  it("computes every PRONAC of its table, sorted; projects without rows are left to the \"zero\" absence", () => {
    const r = compute([
      ["2", "a", 1, 1],
      ["1", "a", 1, 2],
    ], ["1", "2", "3"]);
    expect([...r.keys()]).toEqual(["1", "2"]);
  });

  it("fails naming the table when planilha_aprovacao_comprovacao is not loaded", () => {
    expect(() => comprovantesAcima50.compute({}, new Map())).toThrow(/planilha_aprovacao_comprovacao/);
  });
});

describe("cleanItemName", () => {
  it("removes only CR, LF, \", ' and \\", () => {
    const df = pl.DataFrame({ i: ["a\rb\nc\"d'e\\f g", null] }, { schema: { i: pl.Utf8 } });
    expect(df.select(cleanItemName("i")).getColumn("i").toArray()).toEqual(["abcdef g", null]);
  });
});

describe("percentageAboveApproved", () => {
  it("is exact on micro-reais (0.46 over 0.30 is 53.33… %)", () => {
    expect(percentageAboveApproved(460_000, 300_000)).toBeCloseTo(53.333333333333, 10);
  });
  it("gives the proven value in reais when approved is zero or negative", () => {
    expect(percentageAboveApproved(12_340_000, 0)).toBe(12.34);
    expect(percentageAboveApproved(-1_000_000, -2_000_000)).toBe(-1);
  });
});
