import pl from "nodejs-polars";
import { itemNames } from "./lib/mode-by.js";
import { requireTable } from "./lib/results.js";
import { frameColumns } from "./lib/frame.js";
import { projectSegments } from "./lib/mode-by.js";
import { defineMetric, type MetricResult } from "./types.js";

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
  /** The project's segment (spec §3); null when none of its rows has one. */
  segmento: string | null;
  /** Distinct nrCNPJCPF of the project. */
  fornecedores: number;
  /** Of those, providers seen in only one (PRONAC, idSegmento) pair of the table. */
  novos: number;
}

/**
 * The table's rows of a project (PRONAC not null) with `usos`: how many
 * distinct (PRONAC, idSegmento) pairs of the whole table the row's provider
 * appears in; a provider is new when that is ≤ 1 (spec §4.9). A new provider
 * therefore belongs to a single project. Rows without a tax id name no
 * provider (`usos` null).
 */
function withProviderUses(links: pl.DataFrame): pl.DataFrame {
  return links
    .select("PRONAC", "idSegmento", "nrCNPJCPF", "nmFornecedor", "idPlanilhaAprovacao", "Item")
    .filter(pl.col("PRONAC").isNotNull())
    .withColumns(
      pl
        .when(pl.col("nrCNPJCPF").isNotNull())
        .then(pl.struct([pl.col("PRONAC"), pl.col("idSegmento")]).nUnique().over("nrCNPJCPF"))
        .otherwise(pl.lit(null))
        .alias("usos"),
    );
}

const isNew = pl.col("usos").ltEq(1);

/**
 * Per project of planilha_comprovacao (sorted by PRONAC): its segment, its
 * distinct providers and how many of them are new (spec §4.9).
 */
export function providerCounts(links: pl.DataFrame): ProjectProviders[] {
  const rows = withProviderUses(links);
  return countProviders(rows, providerPairs(rows));
}

/** One row per (PRONAC, nrCNPJCPF) of the table: the provider's `usos` and smallest nmFornecedor there. */
function providerPairs(rows: pl.DataFrame): pl.DataFrame {
  return rows
    .filter(pl.col("nrCNPJCPF").isNotNull())
    .groupBy(["PRONAC", "nrCNPJCPF"])
    .agg(pl.col("usos").first(), pl.col("nmFornecedor").min().alias("nome"));
}

function countProviders(rows: pl.DataFrame, pairs: pl.DataFrame): ProjectProviders[] {
  const perProject = pairs
    .groupBy("PRONAC")
    .agg(pl.len().alias("fornecedores"), isNew.cast(pl.Int64).sum().alias("novos"));
  const counts = rows
    .select("PRONAC")
    .unique()
    .join(perProject, { on: "PRONAC", how: "left" })
    .join(projectSegments(rows, "PRONAC", "idSegmento"), { leftOn: "PRONAC", rightOn: "pronac", how: "left" })
    .sort("PRONAC");
  const c = frameColumns(counts);
  return (c.PRONAC as string[]).map((pronac, i) => ({
    pronac,
    segmento: c.segment![i] as string | null,
    fornecedores: (c.fornecedores![i] as number | null) ?? 0,
    novos: (c.novos![i] as number | null) ?? 0,
  }));
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

  /** The mean as the nearest double; null when empty. */
  value(): number | null {
    if (this.n === 0n) return null;
    return ratioToNumber(this.num, this.den * this.n);
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * num/den (num ≥ 0, den > 0) as the nearest double: a quotient of 64+ bits
 * whose last bit is set when the division is inexact (a sticky bit), so that
 * the conversion to a double rounds as the exact ratio would.
 */
function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const shift = Math.max(0, 64 - (num.toString(2).length - den.toString(2).length));
  const scaled = num << BigInt(shift);
  const q = scaled / den;
  return Number(scaled % den === 0n ? q : q | 1n) / 2 ** shift;
}

/**
 * The new providers of every project that has one, sorted by nome then cnpj;
 * `itens` keyed by idPlanilhaAprovacao (ascending), each line named by its
 * most frequent Item text over the table's rows of that line, whoever the
 * provider (ties: the smallest).
 */
export function newProvidersByProject(links: pl.DataFrame): Map<string, NewProvider[]> {
  const rows = withProviderUses(links);
  return listNewProviders(rows, providerPairs(rows));
}

function listNewProviders(rows: pl.DataFrame, pairs: pl.DataFrame): Map<string, NewProvider[]> {
  const providers = pairs.filter(isNew).sort(["PRONAC", "nome", "nrCNPJCPF"]);
  const newRows = rows.filter(isNew.and(pl.col("idPlanilhaAprovacao").isNotNull()));
  // Each new provider's line is named from all of its rows, other providers' too (spec §3: its most frequent Item).
  const names = itemNames(rows.join(newRows.select("idPlanilhaAprovacao").unique(), { on: "idPlanilhaAprovacao", how: "semi" }), "idPlanilhaAprovacao", "Item");
  const nameOf = new Map<number, string>();
  const n = frameColumns(names);
  for (let i = 0, h = names.height; i < h; i++) nameOf.set(n.id![i] as number, n.name![i] as string);

  // A new provider is in one project only, so its tax id alone keys its lines.
  const lines = newRows.select("nrCNPJCPF", "idPlanilhaAprovacao").unique().sort(["nrCNPJCPF", "idPlanilhaAprovacao"]);
  const l = frameColumns(lines);
  const itensOf = new Map<string, NewProvider["itens"]>();
  let itens: NewProvider["itens"] = {};
  for (let i = 0, h = lines.height; i < h; i++) {
    const cnpj = l.nrCNPJCPF![i] as string;
    if (i === 0 || cnpj !== l.nrCNPJCPF![i - 1]) itensOf.set(cnpj, (itens = {}));
    const line = l.idPlanilhaAprovacao![i] as number;
    itens[String(line)] = { nome: nameOf.get(line) ?? null, tem_comprovante: true };
  }

  const byProject = new Map<string, NewProvider[]>();
  const p = frameColumns(providers.select("PRONAC", "nrCNPJCPF", "nome"));
  for (let i = 0, h = providers.height; i < h; i++) {
    const pronac = p.PRONAC![i] as string;
    const cnpj = p.nrCNPJCPF![i] as string;
    const entry: NewProvider = { nome: p.nome![i] as string | null, cnpj, itens: itensOf.get(cnpj) ?? {} };
    const list = byProject.get(pronac);
    if (list === undefined) byProject.set(pronac, [entry]);
    else list.push(entry);
  }
  return byProject;
}

/**
 * novos_fornecedores (spec §4.9): providers of the project never seen in
 * another (PRONAC, idSegmento); outlier when their share of the project's
 * providers is above the mean share of its segment's projects. Averages count
 * projects with at least one provider. The spec gives no expected min/max.
 */
export const novosFornecedores = defineMetric("novos_fornecedores", {
  tables: ["planilha_comprovacao"],
  details: [
    "new_providers_percentage",
    "segment_average_percentage",
    "all_projects_average_percentage",
    "lista_de_novos_fornecedores",
  ],
  absence: "not_available",
  compute(tables) {
    const rows = withProviderUses(requireTable(tables, "planilha_comprovacao", "novos_fornecedores"));
    const pairs = providerPairs(rows);
    const projects = countProviders(rows, pairs);
    const all = new ExactMean();
    const bySegment = new Map<string, ExactMean>();
    for (const p of projects) {
      if (p.fornecedores === 0) continue;
      all.add(p.novos, p.fornecedores);
      // A project without a segment counts in the overall mean only.
      if (p.segmento === null) continue;
      let segment = bySegment.get(p.segmento);
      if (segment === undefined) bySegment.set(p.segmento, (segment = new ExactMean()));
      segment.add(p.novos, p.fornecedores);
    }
    const lists = listNewProviders(rows, pairs);
    const allAverage = all.value();
    const segmentAverage = new Map([...bySegment].map(([s, mean]) => [s, mean.value()]));
    const results = new Map<string, MetricResult>();
    for (const p of projects) {
      const segment = p.segmento === null ? undefined : bySegment.get(p.segmento);
      const hasProviders = p.fornecedores > 0;
      results.set(p.pronac, {
        valor: p.novos,
        is_outlier: hasProviders && segment !== undefined && segment.isExceededBy(p.novos, p.fornecedores),
        valor_valido: true,
        minimo_esperado: null,
        maximo_esperado: null,
        new_providers_percentage: hasProviders ? p.novos / p.fornecedores : null,
        segment_average_percentage: p.segmento === null ? null : (segmentAverage.get(p.segmento) ?? null),
        all_projects_average_percentage: allAverage,
        lista_de_novos_fornecedores: lists.get(p.pronac) ?? [],
      });
    }
    return results;
  },
});
