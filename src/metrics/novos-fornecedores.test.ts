import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import type { SalicTables } from "../data/schema.js";
import { ExactMean, novosFornecedores, providerCounts } from "./novos-fornecedores.js";

type Row = [string, string | null, string | null, string | null, number | null, string | null];

/** planilha_comprovacao rows: PRONAC, idSegmento, nrCNPJCPF, nmFornecedor, idPlanilhaAprovacao, Item. */
function links(rows: Row[]): pl.DataFrame {
  const col = <T>(i: number) => rows.map((r) => r[i] as T);
  return pl.DataFrame(
    {
      PRONAC: col(0),
      idSegmento: col(1),
      nrCNPJCPF: col(2),
      nmFornecedor: col(3),
      idPlanilhaAprovacao: col(4),
      Item: col(5),
    },
    {
      schema: {
        PRONAC: pl.Utf8,
        idSegmento: pl.Utf8,
        nrCNPJCPF: pl.Utf8,
        nmFornecedor: pl.Utf8,
        idPlanilhaAprovacao: pl.Int64,
        Item: pl.Utf8,
      },
    },
  );
}

const HASHED = "-8571903399542239214";
const rows: Row[] = [
  // Project 1, segment 11: new providers 900 and 100 (2 of 4).
  ["1", "11", "900", "Alfa", 10, "Cachê"],
  ["1", "11", "B", "Beta", 11, "Som"],
  ["1", "11", "B", "Beta", 3, "Outro"],
  ["1", "11", "B", "Beta", 3, "Outro"],
  ["1", "11", "C", "Gama", 12, "Luz"],
  ["1", "4B", "C", "Gama", 12, "Luz"], // C is in two (PRONAC, idSegmento) pairs: not new
  ["1", "11", "100", "Zeta", 11, "Som"],
  ["1", "11", "100", "Delta", 3, "Palco"],
  ["1", "11", "100", "Delta", 3, "Estrutura"],
  // Project 2, segment 11: 1 new of 2.
  ["2", "11", "B", "Beta", 20, "Som"],
  ["2", "11", HASHED, "Eco", 21, "Luz"],
  // Project 3, segment 11: 0 new of 1.
  ["3", "11", "B", "Beta", 30, "Som"],
  // Project 5: one row in 6E, one in 11: the tie goes to "11"; 2 new of 2.
  ["5", "6E", "H", "Hotel", 60, "Som"],
  ["5", "11", "I", "India", 61, "Som"],
  // Projects 14 and 000014 are different projects: F is in both, so not new.
  ["14", "4B", "F", "Foxtrot", 40, "Som"],
  ["14", "4B", "G", "Golf", 41, "Luz"],
  ["000014", "4B", "F", "Foxtrot", 50, "Som"],
  // Project 6 has rows but no provider tax id.
  ["6", "11", null, "Sem CNPJ", 70, "Som"],
  // Project 7 has no segment code: 1 new (J) of 2.
  ["7", null, "J", "Juliet", 80, "Som"],
  ["7", null, "B", "Beta", 81, "Som"],
];
const tables: SalicTables = {
  planilha_comprovacao: links(rows),
  planilha_projetos: pl.DataFrame({ PRONAC: ["1", "2", "3", "5", "6", "7", "14", "000014", "99"] }, { schema: { PRONAC: pl.Utf8 } }),
};
const results = novosFornecedores.compute(tables, new Map());

describe("novos_fornecedores", () => {
  it("is weighted 1, right tail, not available without receipt rows", () => {
    expect(novosFornecedores).toMatchObject({ id: "novos_fornecedores", weight: 1, tail: "right", absence: "not_available" });
    expect(results.has("99")).toBe(false);
  });

  it("counts a provider as new only when it is in a single (PRONAC, idSegmento) pair", () => {
    expect(results.get("1")).toMatchObject({ valor: 2, new_providers_percentage: 0.5 });
    expect(results.get("2")).toMatchObject({ valor: 1, new_providers_percentage: 0.5 });
    expect(results.get("3")).toMatchObject({ valor: 0, new_providers_percentage: 0 });
  });

  it("keeps PRONAC 000014 apart from 14", () => {
    expect(results.get("14")).toMatchObject({ valor: 1, new_providers_percentage: 0.5, is_outlier: true });
    expect(results.get("000014")).toMatchObject({ valor: 0, new_providers_percentage: 0, is_outlier: false });
  });

  it("averages percentages per segment (tie of segments to the smallest code) and over all projects", () => {
    // Segment 11: projects 1, 2, 3, 5 → (0.5 + 0.5 + 0 + 1) / 4; segment 4B: 14, 000014 → 0.25.
    expect(results.get("1")?.segment_average_percentage).toBe(0.5);
    expect(results.get("5")?.segment_average_percentage).toBe(0.5);
    expect(results.get("14")?.segment_average_percentage).toBe(0.25);
    // All projects with a provider: (0.5 + 0.5 + 0 + 1 + 0.5 + 0 + 0.5) / 7.
    expect(results.get("1")?.all_projects_average_percentage).toBe(3 / 7);
  });

  it("is an outlier only strictly above the segment average", () => {
    expect(["1", "2", "3", "5"].map((p) => results.get(p)?.is_outlier)).toEqual([false, false, false, true]);
  });

  it("has no expected minimum or maximum", () => {
    expect(results.get("1")).toMatchObject({ valor_valido: true, minimo_esperado: null, maximo_esperado: null });
  });

  it("lists new providers by nome with their smallest name and their lines' Item text", () => {
    expect(results.get("1")?.lista_de_novos_fornecedores).toEqual([
      { nome: "Alfa", cnpj: "900", itens: { "10": { nome: "Cachê", tem_comprovante: true } } },
      {
        nome: "Delta",
        cnpj: "100",
        itens: {
          // Line 3's rows read "Outro" twice (Beta's), "Estrutura" and "Palco" once (Delta's): a line is
          // named by its most frequent Item over all its rows (spec §3), whoever the provider.
          "3": { nome: "Outro", tem_comprovante: true },
          "11": { nome: "Som", tem_comprovante: true },
        },
      },
    ]);
  });

  it("keeps the tax id as written", () => {
    expect(results.get("2")?.lista_de_novos_fornecedores).toEqual([
      { nome: "Eco", cnpj: HASHED, itens: { "21": { nome: "Luz", tem_comprovante: true } } },
    ]);
  });

  it("leaves a project whose rows name no provider out of the averages, with a null percentage", () => {
    expect(results.get("6")).toEqual({
      valor: 0,
      is_outlier: false,
      valor_valido: true,
      minimo_esperado: null,
      maximo_esperado: null,
      new_providers_percentage: null,
      segment_average_percentage: 0.5,
      all_projects_average_percentage: 3 / 7,
      lista_de_novos_fornecedores: [],
    });
  });

  it("gives a project without a segment code no segment average and no outlier, but counts it overall", () => {
    expect(results.get("7")).toMatchObject({
      valor: 1,
      new_providers_percentage: 0.5,
      segment_average_percentage: null,
      is_outlier: false,
    });
  });

  it("fails naming the table when planilha_comprovacao is not loaded", () => {
    expect(() => novosFornecedores.compute({}, new Map())).toThrow(/planilha_comprovacao/);
  });
});

describe("providerCounts", () => {
  it("gives each project's segment, distinct providers and new providers, sorted by PRONAC", () => {
    expect(providerCounts(links(rows))).toEqual([
      { pronac: "000014", segmento: "4B", fornecedores: 1, novos: 0 },
      { pronac: "1", segmento: "11", fornecedores: 4, novos: 2 },
      { pronac: "14", segmento: "4B", fornecedores: 2, novos: 1 },
      { pronac: "2", segmento: "11", fornecedores: 2, novos: 1 },
      { pronac: "3", segmento: "11", fornecedores: 1, novos: 0 },
      { pronac: "5", segmento: "11", fornecedores: 2, novos: 2 },
      { pronac: "6", segmento: "11", fornecedores: 0, novos: 0 },
      { pronac: "7", segmento: null, fornecedores: 2, novos: 1 },
    ]);
  });
});

describe("ExactMean", () => {
  it("does not put 10 % above the mean of ten 10 % (float sums give 9.99… %)", () => {
    const mean = new ExactMean();
    for (let i = 0; i < 10; i++) mean.add(1, 10);
    expect(mean.isExceededBy(1, 10)).toBe(false);
    expect(mean.value()).toBe(0.1);
  });
  it("averages fractions of different denominators exactly", () => {
    const mean = new ExactMean();
    mean.add(1, 3);
    mean.add(1, 6);
    mean.add(2, 4); // (1/3 + 1/6 + 1/2) / 3 = 1/3
    expect(mean.isExceededBy(1, 3)).toBe(false);
    expect(mean.isExceededBy(34, 100)).toBe(true);
    expect(mean.value()).toBe(1 / 3);
  });
  it("reports the mean rounded to the nearest double", () => {
    const mean = new ExactMean();
    for (let i = 0; i < 3; i++) mean.add(1, 7);
    expect(mean.value()).toBe(1 / 7);
    mean.add(2, 7); // (1 + 1 + 1 + 2) / 7 / 4 = 5/28
    expect(mean.value()).toBe(5 / 28);
  });
  it("is null and exceeded by nothing when empty", () => {
    const mean = new ExactMean();
    expect(mean.value()).toBeNull();
    expect(mean.isExceededBy(1, 1)).toBe(false);
  });
});
