import pl from "nodejs-polars";
import type { MetricDefinition, MetricResult } from "./types.js";

/** A new provider of a project and the project's budget lines it was paid for. */
export interface NewProvider {
  /** The provider's smallest nmFornecedor within the project. */
  nome: string | null;
  /** nrCNPJCPF as written (opaque; masking is the service's job). */
  cnpj: string;
  /** Keyed by idPlanilhaAprovacao: the line's Item text. */
  itens: Record<string, { nome: string | null; tem_comprovante: true }>;
}

/** One project's provider counts, as {@link providerCounts} gives them. */
export interface ProjectProviders {
  pronac: string;
  /** The project's segment: its most frequent idSegmento, ties to the smallest code. */
  segmento: string | null;
  /** Distinct nrCNPJCPF of the project. */
  fornecedores: number;
  /** Of those, providers seen in only one (PRONAC, idSegmento) pair of the table. */
  novos: number;
}

/**
 * Per project of planilha_comprovacao: its segment, its distinct providers
 * and how many are new (spec §4.9). A provider is new when the distinct
 * (PRONAC, idSegmento) pairs it appears in, over the whole table, are ≤ 1.
 * Rows without a tax id name no provider.
 */
export function providerCounts(links: pl.DataFrame): ProjectProviders[] {
  const rows = links.filter(pl.col("PRONAC").isNotNull());
  const pairs = newProviderPairs(rows);
  const perProject = pairs
    .groupBy("PRONAC")
    .agg(pl.len().alias("fornecedores"), pl.col("novo").cast(pl.Int64).sum().alias("novos"));
  return projectSegments(rows)
    .join(perProject, { on: "PRONAC", how: "left" })
    .sort("PRONAC")
    .toRecords()
    .map((r) => ({
      pronac: r.PRONAC as string,
      segmento: r.segmento as string | null,
      fornecedores: (r.fornecedores as number | null) ?? 0,
      novos: (r.novos as number | null) ?? 0,
    }));
}

/** Distinct (PRONAC, nrCNPJCPF) of the table, with `novo`: the provider is new. */
function newProviderPairs(rows: pl.DataFrame): pl.DataFrame {
  const withProvider = rows.filter(pl.col("nrCNPJCPF").isNotNull());
  const uses = withProvider
    .select("nrCNPJCPF", "PRONAC", "idSegmento")
    .unique()
    .groupBy("nrCNPJCPF")
    .agg(pl.len().alias("usos"));
  return withProvider
    .select("PRONAC", "nrCNPJCPF")
    .unique()
    .join(uses, { on: "nrCNPJCPF" })
    .select("PRONAC", "nrCNPJCPF", pl.col("usos").ltEq(1).alias("novo"));
}

/**
 * Each PRONAC's segment (spec §3): its most frequent non-null idSegmento,
 * ties broken by the code that sorts first; null when every row lacks one.
 */
function projectSegments(rows: pl.DataFrame): pl.DataFrame {
  return rows
    .groupBy(["PRONAC", "idSegmento"])
    .agg(pl.len().alias("n"))
    .withColumns(pl.col("idSegmento").isNull().alias("sem"), pl.col("n").cast(pl.Int64).mul(-1).alias("menos_n"))
    .sort(["PRONAC", "sem", "menos_n", "idSegmento"])
    .unique({ subset: "PRONAC", keep: "first", maintainOrder: true })
    .select("PRONAC", pl.col("idSegmento").alias("segmento"));
}

/**
 * A mean of fractions kept exact, so that "percentage > segment average" is
 * decided without float drift (ten projects at 10 % do not average 9.99… %).
 * The sum is num/den with den the lcm of the denominators seen.
 */
export class ExactMean {
  private num = 0n;
  private den = 1n;
  private n = 0n;

  /** Adds the fraction a/b (b > 0, a safe integer). */
  add(a: number, b: number): void {
    const g = gcd(Number(this.den % BigInt(b)), b);
    const lcm = (this.den / BigInt(g)) * BigInt(b);
    this.num = this.num * (lcm / this.den) + BigInt(a) * (lcm / BigInt(b));
    this.den = lcm;
    this.n += 1n;
  }

  /** Whether a/b is strictly above the mean; false when nothing was added. */
  isExceededBy(a: number, b: number): boolean {
    return this.n > 0n && BigInt(a) * this.den * this.n > this.num * BigInt(b);
  }

  /** The mean as the nearest double (to within one unit in the last place); null when empty. */
  value(): number | null {
    if (this.n === 0n) return null;
    return ratioToNumber(this.num, this.den * this.n);
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** num/den (num ≥ 0, den > 0) as a double, through a 64-bit quotient. */
function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const shift = Math.max(0, 64 - (num.toString(2).length - den.toString(2).length));
  return Number((num << BigInt(shift)) / den) / 2 ** shift;
}

/**
 * The new providers of every project that has one, sorted by nome then cnpj;
 * `itens` keyed by idPlanilhaAprovacao (ascending), each line named by its
 * most frequent Item text in the project (ties: the smallest).
 */
export function newProvidersByProject(links: pl.DataFrame): Map<string, NewProvider[]> {
  const rows = links.filter(pl.col("PRONAC").isNotNull());
  const novos = newProviderPairs(rows).filter(pl.col("novo")).select("PRONAC", "nrCNPJCPF");
  const newRows = rows.join(novos, { on: ["PRONAC", "nrCNPJCPF"], how: "inner" });
  const providers = newRows
    .groupBy(["PRONAC", "nrCNPJCPF"])
    .agg(pl.col("nmFornecedor").min().alias("nome"))
    .sort(["PRONAC", "nome", "nrCNPJCPF"]);
  const lines = newRows
    .filter(pl.col("idPlanilhaAprovacao").isNotNull())
    .select("PRONAC", "nrCNPJCPF", "idPlanilhaAprovacao")
    .unique()
    .join(lineNames(rows), { on: ["PRONAC", "idPlanilhaAprovacao"], how: "left" })
    .sort(["PRONAC", "nrCNPJCPF", "idPlanilhaAprovacao"]);

  const itensOf = new Map<string, NewProvider["itens"]>();
  for (const r of lines.toRecords()) {
    const key = `${r.PRONAC as string}\u0000${r.nrCNPJCPF as string}`;
    let itens = itensOf.get(key);
    if (itens === undefined) itensOf.set(key, (itens = {}));
    itens[String(r.idPlanilhaAprovacao)] = { nome: r.Item as string | null, tem_comprovante: true };
  }
  const byProject = new Map<string, NewProvider[]>();
  for (const r of providers.toRecords()) {
    const pronac = r.PRONAC as string;
    const cnpj = r.nrCNPJCPF as string;
    const entry: NewProvider = { nome: r.nome as string | null, cnpj, itens: itensOf.get(`${pronac}\u0000${cnpj}`) ?? {} };
    const list = byProject.get(pronac);
    if (list === undefined) byProject.set(pronac, [entry]);
    else list.push(entry);
  }
  return byProject;
}

/** (PRONAC, idPlanilhaAprovacao, Item): the line's most frequent non-null Item, ties to the smallest. */
function lineNames(rows: pl.DataFrame): pl.DataFrame {
  return rows
    .filter(pl.col("idPlanilhaAprovacao").isNotNull())
    .groupBy(["PRONAC", "idPlanilhaAprovacao", "Item"])
    .agg(pl.len().alias("n"))
    .withColumns(pl.col("Item").isNull().alias("sem"), pl.col("n").cast(pl.Int64).mul(-1).alias("menos_n"))
    .sort(["PRONAC", "idPlanilhaAprovacao", "sem", "menos_n", "Item"])
    .unique({ subset: ["PRONAC", "idPlanilhaAprovacao"], keep: "first", maintainOrder: true })
    .select("PRONAC", "idPlanilhaAprovacao", "Item");
}

/**
 * novos_fornecedores (spec §4.9): providers of the project never seen in
 * another (PRONAC, idSegmento); outlier when their share of the project's
 * providers is above the mean share of its segment's projects. Averages count
 * projects with at least one provider. The spec gives no expected min/max.
 */
export const novosFornecedores: MetricDefinition = {
  id: "novos_fornecedores",
  weight: 1,
  tail: "right",
  description:
    "Conta os fornecedores do projeto que não aparecem em nenhum outro projeto e compara a sua proporção com a média do segmento.",
  tables: ["planilha_comprovacao"],
  details: [
    "new_providers_percentage",
    "segment_average_percentage",
    "all_projects_average_percentage",
    "lista_de_novos_fornecedores",
  ],
  absence: "not_available",
  compute(tables) {
    const links = tables.planilha_comprovacao;
    if (links === undefined) throw new Error("novos_fornecedores: table planilha_comprovacao is not loaded");
    const projects = providerCounts(links);
    const all = new ExactMean();
    const bySegment = new Map<string | null, ExactMean>();
    for (const p of projects) {
      if (p.fornecedores === 0) continue;
      all.add(p.novos, p.fornecedores);
      let segment = bySegment.get(p.segmento);
      if (segment === undefined) bySegment.set(p.segmento, (segment = new ExactMean()));
      segment.add(p.novos, p.fornecedores);
    }
    const lists = newProvidersByProject(links);
    const allAverage = all.value();
    const segmentAverage = new Map([...bySegment].map(([s, mean]) => [s, mean.value()]));
    const results = new Map<string, MetricResult>();
    for (const p of projects) {
      const segment = bySegment.get(p.segmento);
      const hasProviders = p.fornecedores > 0;
      results.set(p.pronac, {
        valor: p.novos,
        is_outlier: hasProviders && segment !== undefined && segment.isExceededBy(p.novos, p.fornecedores),
        valor_valido: true,
        minimo_esperado: null,
        maximo_esperado: null,
        new_providers_percentage: hasProviders ? p.novos / p.fornecedores : null,
        segment_average_percentage: segmentAverage.get(p.segmento) ?? null,
        all_projects_average_percentage: allAverage,
        lista_de_novos_fornecedores: lists.get(p.pronac) ?? [],
      });
    }
    return results;
  },
};
