import type { LoadedData } from "../data/index.js";
import type { TableName } from "../data/schema.js";
import { catalogEntry, isMetricId, type MetricId } from "../metrics/catalog.js";
import { projectSegments } from "../metrics/lib/mode-by.js";
import type { ProjectScore, ScoreRun } from "../score/index.js";
import type { Distribuicao } from "./api-types.js";

/** Bins of every histogram. */
export const DISTRIBUTION_BINS = 20;

/**
 * The metrics judged by a Gaussian rule over their segment's values (spec
 * §4.1–4.5, §4.12), and where each reads a project's segment (spec §3: the
 * most frequent code of its rows in that table). The other metrics compare
 * with a fixed bound or another quantity: they have no segment distribution.
 */
const SEGMENT_SOURCES: Partial<Record<MetricId, { table: TableName; pronac: string; segment: string }>> = {
  itens_orcamentarios: { table: "planilha_orcamentaria", pronac: "PRONAC", segment: "idSegmento" },
  comprovante_pagamento: { table: "planilha_comprovacao", pronac: "PRONAC", segment: "idSegmento" },
  valor_comprovado: { table: "planilha_comprovacao", pronac: "PRONAC", segment: "idSegmento" },
  valor_aprovado: { table: "planilha_orcamentaria", pronac: "PRONAC", segment: "idSegmento" },
  valor_captado: { table: "planilha_captacao", pronac: "Pronac", segment: "Segmento" },
  itens_comuns_e_incomuns_por_segmento: { table: "planilha_orcamentaria", pronac: "PRONAC", segment: "idSegmento" },
};

/** A segment's histogram, shared by its projects. */
type Histogram = Omit<Distribuicao, "valor" | "minimo_esperado" | "maximo_esperado">;

/** The histograms of one metric, per segment, and each project's segment. */
interface MetricHistograms {
  segmentOf: Map<string, string>;
  bySegment: Map<string, Histogram>;
}

/**
 * Each metric's segment histograms, counted once per run from the metric's
 * results (every project of its table, as its statistics count them, spec
 * §3) and kept with the details in the cache entry.
 */
export function segmentDistributions(data: LoadedData, run: ScoreRun): { of(metric: string, score: ProjectScore): Distribuicao | null } {
  const computed = new Map<string, MetricHistograms | null>();
  const histogramsOf = (metric: string): MetricHistograms | null => {
    let found = computed.get(metric);
    if (found === undefined) {
      found = countHistograms(data, run, metric);
      computed.set(metric, found);
    }
    return found;
  };
  return {
    of(metric, score) {
      const result = score.metricas[metric as MetricId];
      if (result === undefined || !result.valor_valido) return null;
      const histograms = histogramsOf(metric);
      const segment = histograms?.segmentOf.get(score.pronac);
      const histogram = segment === undefined ? undefined : histograms!.bySegment.get(segment);
      if (histogram === undefined) return null;
      return { ...histogram, valor: result.valor, minimo_esperado: result.minimo_esperado ?? null, maximo_esperado: result.maximo_esperado ?? null };
    },
  };
}

function countHistograms(data: LoadedData, run: ScoreRun, metric: string): MetricHistograms | null {
  if (!isMetricId(metric)) return null;
  const source = SEGMENT_SOURCES[metric];
  const results = run.results.get(metric);
  const table = source === undefined ? undefined : data.tables[source.table];
  if (source === undefined || results === undefined || table === undefined || run.unavailable.has(metric)) return null;
  const frame = projectSegments(table, source.pronac, source.segment);
  const pronacs = frame.getColumn("pronac").toArray() as (string | null)[];
  const segments = frame.getColumn("segment").toArray() as (string | null)[];
  const segmentOf = new Map<string, string>();
  pronacs.forEach((pronac, i) => {
    if (pronac !== null && segments[i] !== null) segmentOf.set(pronac, segments[i]!);
  });
  // The bounds are the same for a segment's projects (its mean and std): the range includes them, so both marks fall inside.
  const members = new Map<string, { values: number[]; low: number; high: number }>();
  for (const [pronac, result] of results) {
    const segment = segmentOf.get(pronac);
    if (segment === undefined || !result.valor_valido) continue;
    let member = members.get(segment);
    if (member === undefined) members.set(segment, (member = { values: [], low: Infinity, high: -Infinity }));
    member.values.push(result.valor);
    for (const x of [result.valor, result.minimo_esperado, result.maximo_esperado]) {
      if (typeof x !== "number" || !Number.isFinite(x)) continue;
      member.low = Math.min(member.low, x);
      member.high = Math.max(member.high, x);
    }
  }
  const digits = catalogEntry(metric).unit === "fraction" ? 4 : 2;
  const bySegment = new Map<string, Histogram>();
  for (const [segment, { values, low, high }] of members) bySegment.set(segment, histogram(values, low, high, digits));
  return { segmentOf, bySegment };
}

/**
 * An equal-width histogram of `values` over [low, high] in
 * {@link DISTRIBUTION_BINS} bins, its ends rounded outwards to `digits`
 * decimals (money to the cent) and the values counted against the limits
 * sent, so counts and limits agree. A range of one value is widened by one
 * unit of the last digit each way.
 */
export function histogram(values: readonly number[], low: number, high: number, digits: number): Histogram {
  const scale = 10 ** digits;
  let lo = Math.floor(low * scale);
  let hi = Math.ceil(high * scale);
  if (hi <= lo) {
    lo -= 1;
    hi += 1;
  }
  const limites = Array.from({ length: DISTRIBUTION_BINS + 1 }, (_, i) =>
    // 12 significant digits drop float noise (0.30000000000000004) without merging bins.
    i === DISTRIBUTION_BINS ? hi / scale : Number(((lo + ((hi - lo) * i) / DISTRIBUTION_BINS) / scale).toPrecision(12)),
  );
  const projetos = new Array<number>(DISTRIBUTION_BINS).fill(0);
  for (const value of values) projetos[binOf(limites, value)]!++;
  return { limites, projetos };
}

/** The bin of a value: the last i with limites[i] <= value (the top limit belongs to the last bin). */
function binOf(limites: readonly number[], value: number): number {
  let low = 0;
  let high = limites.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (limites[middle]! <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
