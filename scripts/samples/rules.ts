/**
 * The spec's outlier rules (§3, §4) over the in-memory world. The planter uses
 * them to choose values that the rule flags, and `flaggedBy` re-checks every
 * planted project once all plants are in. This is not the promoted metric
 * code: it reads the generator's own model, before anything is written.
 */
import { METRIC_IDS, METRIC_WEIGHTS } from "../../src/metrics/catalog.js";
import { type Line, lineSegment, linkSegment, type MetricId, NO_ITEM, NO_RECEIPT, type Project, raisedSegment, type Segment, type World } from "./model.js";

/** Which std the Gaussian rule uses for a metric (spec §4). */
export type StdKind = "sample" | "population";

/** mean + 1.5·std of the values, or null where the std is undefined (spec §3). */
export function upperThreshold(values: readonly number[], kind: StdKind): number | null {
  const n = values.length;
  const dof = kind === "sample" ? n - 1 : n;
  if (n === 0 || dof <= 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return mean + 1.5 * Math.sqrt(ss / dof);
}

/** mean and population std of the values. */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  return { mean, std: Math.sqrt(values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / n) };
}

/** The most frequent segment, ties broken by the code that sorts first (spec §3); rows without one are not counted. */
export function majoritySegment(segments: Iterable<Segment | null>): Segment | undefined {
  const counts = new Map<Segment, number>();
  for (const s of segments) if (s !== null) counts.set(s, (counts.get(s) ?? 0) + 1);
  let best: Segment | undefined;
  let bestCount = 0;
  for (const [s, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== undefined && s.code < best.code)) {
      best = s;
      bestCount = c;
    }
  }
  return best;
}

/** The majority segment of rows, each row's segment read by `of`; fast when they all agree (almost always). */
function rowsSegment<T>(rows: readonly T[], of: (row: T) => Segment | null): Segment | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  const s = of(first);
  let agree = true;
  for (const r of rows) if (of(r) !== s) agree = false;
  return agree && s !== null ? s : majoritySegment(rows.map(of));
}

/** A per-project value of a Gaussian metric, its table's segment, and its std. */
export interface GaussianMetric {
  readonly std: StdKind;
  /** undefined when the project has no rows in the metric's table. */
  value(p: Project): number | undefined;
  segment(p: Project): Segment | undefined;
}

const bySegmentOfLines = (p: Project) => rowsSegment(p.lines, lineSegment);
const bySegmentOfLinks = (p: Project) => rowsSegment(p.links, linkSegment);
const bySegmentOfRaised = (p: Project) => rowsSegment(p.raised, (r) => raisedSegment(p, r));

/** Σ of cents (whole, or eighths of a cent: exact in a double). */
export function sumCents<T>(rows: readonly T[], cents: (row: T) => number): number {
  let s = 0;
  for (const r of rows) s += cents(r);
  return s;
}

/** The five right-tail Gaussian metrics of spec §4. */
export const GAUSSIAN: Readonly<Partial<Record<MetricId, GaussianMetric>>> = {
  itens_orcamentarios: {
    std: "sample",
    value: (p) => (p.lines.length > 0 ? p.lines.length : undefined),
    segment: bySegmentOfLines,
  },
  comprovante_pagamento: {
    std: "population",
    value: (p) => (p.links.length > 0 ? new Set(p.links.map((l) => l.receiptId).filter((id) => id !== NO_RECEIPT)).size : undefined),
    segment: bySegmentOfLinks,
  },
  valor_comprovado: {
    std: "sample",
    value: (p) => (p.links.length > 0 ? sumCents(p.links, (l) => l.cents) : undefined),
    segment: bySegmentOfLinks,
  },
  valor_aprovado: {
    std: "sample",
    value: (p) => (p.lines.length > 0 ? sumCents(p.lines, (l) => l.totalApprovedCents) : undefined),
    segment: bySegmentOfLines,
  },
  valor_captado: {
    std: "sample",
    value: (p) => (p.raised.length > 0 ? sumCents(p.raised, (r) => r.cents) : undefined),
    segment: bySegmentOfRaised,
  },
};

/** Projects flagged by a Gaussian metric among `projects` (statistics over these projects, per segment). */
export function gaussianFlagged(metric: GaussianMetric, projects: Iterable<Project>): Set<Project> {
  const groups = new Map<Segment, Array<[Project, number]>>();
  for (const p of projects) {
    const v = metric.value(p);
    const s = v === undefined ? undefined : metric.segment(p);
    if (v === undefined || s === undefined) continue;
    const g = groups.get(s);
    if (g) g.push([p, v]);
    else groups.set(s, [[p, v]]);
  }
  const flagged = new Set<Project>();
  for (const g of groups.values()) {
    const t = upperThreshold(
      g.map(([, v]) => v),
      metric.std,
    );
    if (t !== null) for (const [p, v] of g) if (v > t) flagged.add(p);
  }
  return flagged;
}

/** Cents (fractions included) rounded to a whole cent, half to even: money as spec §3 reports it. */
export function wholeCents(cents: number): number {
  const down = Math.floor(cents);
  const rest = cents - down;
  return rest > 0.5 || (rest === 0.5 && down % 2 !== 0) ? down + 1 : down;
}

/** A line proven above 150 % of its approved value, compared in cents. */
export function above150(cents: number, approvedCents: number): boolean {
  return 2 * cents > 3 * approvedCents;
}

/** tpFormaDePagamento as a code: "1.0" → "1"; "0", "" and anything else → "". */
export function paymentCode(written: string): "1" | "2" | "3" | "" {
  const n = Number(written);
  return written !== "" && (n === 1 || n === 2 || n === 3) ? (String(n) as "1" | "2" | "3") : "";
}

/** How many rows of the whole receipt table each receipt id has (a row without an id has no receipt). */
export function receiptRowCounts(projects: readonly Project[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const p of projects)
    for (const l of p.links) if (l.receiptId !== NO_RECEIPT) counts.set(l.receiptId, (counts.get(l.receiptId) ?? 0) + 1);
  return counts;
}

/** Projects with a shared receipt of the payment code (spec §4.8). */
export function sharedFlagged(projects: readonly Project[], code: "1" | "2" | "3"): Set<Project> {
  const counts = receiptRowCounts(projects);
  const out = new Set<Project>();
  for (const p of projects) for (const l of p.links) if ((counts.get(l.receiptId) ?? 0) > 1 && paymentCode(l.payment) === code) out.add(p);
  return out;
}

/** The distinct (PRONAC, idSegmento) pairs of the receipt rows of each provider's tax id; new when ≤ 1 (spec §4.9). */
export function providerPairs(projects: readonly Project[]): Map<string, Set<string>> {
  const pairs = new Map<string, Set<string>>();
  for (const p of projects)
    for (const l of p.links) {
      if (l.provider.taxId === "") continue;
      const key = `${p.pronac}\u0000${linkSegment(l)?.code ?? ""}`;
      const set = pairs.get(l.provider.taxId);
      if (set) set.add(key);
      else pairs.set(l.provider.taxId, new Set([key]));
    }
  return pairs;
}

/** Whether a tax id names a new provider (spec §4.9): seen in at most one pair of `pairs` (see providerPairs). */
export function isNewProvider(pairs: ReadonlyMap<string, ReadonlySet<string>>, taxId: string): boolean {
  return taxId !== "" && (pairs.get(taxId)?.size ?? 0) <= 1;
}

/**
 * Projects whose share of new providers is above their segment's mean share
 * (spec §4.9). A row with no tax id names no provider; a project with none
 * has no share and stays out of the means.
 */
export function newProvidersFlagged(projects: readonly Project[]): Set<Project> {
  const pairs = providerPairs(projects);
  const share = new Map<Project, number>();
  const bySegment = new Map<Segment, number[]>();
  for (const p of projects) {
    const providers = new Set(p.links.map((l) => l.provider.taxId).filter((t) => t !== ""));
    if (providers.size === 0) continue;
    let fresh = 0;
    for (const t of providers) if (isNewProvider(pairs, t)) fresh++;
    const pct = fresh / providers.size;
    share.set(p, pct);
    const s = bySegmentOfLinks(p) as Segment;
    const list = bySegment.get(s);
    if (list) list.push(pct);
    else bySegment.set(s, [pct]);
  }
  const out = new Set<Project>();
  for (const [p, pct] of share) {
    const list = bySegment.get(bySegmentOfLinks(p) as Segment) as number[];
    if (pct > list.reduce((a, b) => a + b, 0) / list.length) out.add(p);
  }
  return out;
}

const CUT_2013 = Date.UTC(2013, 0, 1) / 86_400_000;

/** Key of a (segment, catalogue item) pair. */
export function pairKey(l: Line): number {
  return l.segment.index * 100_000 + l.item.id;
}

/** Reference unit prices per (segment, item id) pair key: mean and population std (spec §4.11). */
export function referencePrices(projects: Iterable<Project>): Map<number, { mean: number; std: number; n: number }> {
  const acc = new Map<number, { s: number; s2: number; n: number }>();
  for (const p of projects) {
    if (p.dataProjetoDay < CUT_2013) continue;
    for (const l of p.lines) {
      if (l.unitApprovedMills <= 0 || l.item === NO_ITEM || l.noSegment) continue;
      const key = pairKey(l);
      const v = l.unitApprovedMills / 1000;
      const a = acc.get(key);
      if (a) {
        a.s += v;
        a.s2 += v * v;
        a.n++;
      } else acc.set(key, { s: v, s2: v * v, n: 1 });
    }
  }
  const out = new Map<number, { mean: number; std: number; n: number }>();
  for (const [k, a] of acc) {
    const mean = a.s / a.n;
    out.set(k, { mean, std: Math.sqrt(Math.max(0, a.s2 / a.n - mean * mean)), n: a.n });
  }
  return out;
}

/** Whether a line's unit price is above its reference mean + 1.5·std. */
export function overpriced(line: Line, refs: ReadonlyMap<number, { mean: number; std: number }>): boolean {
  const r = line.item === NO_ITEM || line.noSegment ? undefined : refs.get(pairKey(line));
  return r !== undefined && line.unitApprovedMills / 1000 > r.mean + 1.5 * r.std;
}

/** Projects with more than 10 % overpriced lines. */
export function pricesFlagged(projects: readonly Project[]): Set<Project> {
  const refs = referencePrices(projects);
  const out = new Set<Project>();
  for (const p of projects) {
    if (p.lines.length === 0) continue;
    let n = 0;
    for (const l of p.lines) if (overpriced(l, refs)) n++;
    if (n / p.lines.length > 0.1) out.add(p);
  }
  return out;
}

/** The all_items segment slot of a line without a segment (see allItemsKey). */
const NO_SEGMENT_SLOT = 127;

/**
 * Key of an all_items row (spec §4.12) of a line: segment, item, product, city
 * and stage as one number (the state follows from the city), and whether the
 * line has its project's idPronac. Fits in 2^53: 128 segments × 10^5 items ×
 * 1000 products × 64 cities × 16 stages × 2. A line
 * without a segment takes the last segment slot, which no world fills (the
 * national profile has 127 segments).
 */
function allItemsKey(l: Line): number {
  const segment = l.noSegment ? NO_SEGMENT_SLOT : l.segment.index;
  // A line under another idPronac than its project's is another all_items row (idPronac is one of its columns).
  return ((((segment * 100_000 + l.item.id) * 1000 + l.product.id) * 64 + l.city.index) * 16 + l.stage) * 2 + (l.idPronac === undefined ? 0 : 1);
}

/**
 * all_items rows (spec §4.12) per catalogue item id, per segment code, each
 * project's distinct rows once; lines without an item count under NO_ITEM's id.
 */
export function itemRowCounts(projects: Iterable<Project>): Map<string, Map<number, number>> {
  const counts = new Map<string, Map<number, number>>();
  for (const p of projects) {
    const seen = new Set<number>();
    for (const l of p.lines) {
      const key = allItemsKey(l);
      if (seen.has(key)) continue;
      seen.add(key);
      // A row without a segment is its project's (commonRatio counts it) but no segment's.
      if (l.noSegment) continue;
      let m = counts.get(l.segment.code);
      if (!m) counts.set(l.segment.code, (m = new Map()));
      m.set(l.item.id, (m.get(l.item.id) ?? 0) + 1);
    }
  }
  return counts;
}

/** Common items of a segment: top max(2, floor(10 % of its distinct items)) by all_items rows (spec §4.12); no item is none. */
export function commonItems(projects: Iterable<Project>): Map<string, Set<number>> {
  return commonItemsOf(itemRowCounts(projects));
}

/** `commonItems` from the all_items counts `itemRowCounts` gave. */
export function commonItemsOf(counts: ReadonlyMap<string, ReadonlyMap<number, number>>): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const [code, m] of counts) {
    const items = [...m].filter(([id]) => id !== NO_ITEM.id);
    if (items.length === 0) continue;
    const top = Math.max(2, Math.floor(0.1 * items.length));
    const ranked = items.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    out.set(code, new Set(ranked.slice(0, top).map(([id]) => id)));
  }
  return out;
}

/** The common-items ratio of a project, given its segment's common items. */
export function commonRatio(p: Project, common: ReadonlySet<number> | undefined): number {
  const rows = new Set<number>();
  const has = new Set<number>();
  for (const l of p.lines) {
    rows.add(allItemsKey(l));
    if (common?.has(l.item.id)) has.add(l.item.id);
  }
  if (rows.size === 0) return 1;
  if (!common || common.size === 0) return 0;
  return has.size / rows.size;
}

/** Projects whose common-items ratio is below their segment's mean − 1.5·population std (left tail). */
export function unusualItemsFlagged(projects: readonly Project[]): Set<Project> {
  const common = commonItems(projects);
  const groups = new Map<Segment, Array<[Project, number]>>();
  for (const p of projects) {
    if (p.lines.length === 0) continue;
    const s = bySegmentOfLines(p) as Segment;
    const g = groups.get(s) ?? [];
    g.push([p, commonRatio(p, common.get(s.code))]);
    groups.set(s, g);
  }
  const out = new Set<Project>();
  for (const g of groups.values()) {
    const { mean, std } = meanAndStd(g.map(([, v]) => v));
    for (const [p, v] of g) if (v < mean - 1.5 * std) out.add(p);
  }
  return out;
}

/** Weights of the financial complexity score (spec §5), from the catalog: its weighted metrics, in its order (they sum to 22). */
export const SCORE_WEIGHTS: ReadonlyMap<MetricId, number> = new Map([...METRIC_WEIGHTS].filter(([, weight]) => weight > 0));

/**
 * The weights projetos_mesmo_proponente's c(p) sums (spec §4.10): the
 * weighted metrics listed before it in the catalog (they sum to 20), as the
 * promoted metric does.
 */
export const PROPONENT_WEIGHTS: ReadonlyMap<MetricId, number> = new Map(
  [...SCORE_WEIGHTS].filter(([id]) => METRIC_IDS.indexOf(id) < METRIC_IDS.indexOf("projetos_mesmo_proponente")),
);

/** round(10 · Σ weight·is_outlier / Σ weight, 1) over `weights`, from the metrics' flags. */
function weightedScore(p: Project, weights: ReadonlyMap<MetricId, number>, flags: ReadonlyMap<MetricId, ReadonlySet<Project>>): number {
  let s = 0;
  let total = 0;
  for (const [id, w] of weights) {
    total += w;
    if (flags.get(id)?.has(p)) s += w;
  }
  return Math.round(((10 * s) / total) * 10) / 10;
}

/** Every metric's flagged projects in the world, by the rules above (spec §4, in order). */
export function flaggedBy(projects: readonly Project[]): Map<MetricId, Set<Project>> {
  const out = new Map<MetricId, Set<Project>>();
  for (const [id, m] of Object.entries(GAUSSIAN) as Array<[MetricId, GaussianMetric]>) out.set(id, gaussianFlagged(m, projects));
  out.set(
    "valor_a_ser_comprovado",
    new Set(projects.filter((p) => p.raised.length > 0 && wholeCents(sumCents(p.raised, (r) => r.cents) - sumCents(p.links, (l) => l.cents)) !== 0)),
  );
  out.set("comprovantes_acima_50", new Set(projects.filter((p) => p.links.some((l) => above150(l.cents, l.line.totalApprovedCents)))));
  out.set("comprovante_cheque", sharedFlagged(projects, "1"));
  out.set("comprovante_transferencia", sharedFlagged(projects, "2"));
  out.set("comprovante_saque", sharedFlagged(projects, "3"));
  out.set("novos_fornecedores", newProvidersFlagged(projects));
  out.set("preco_itens", pricesFlagged(projects));
  out.set("itens_comuns_e_incomuns_por_segmento", unusualItemsFlagged(projects));
  out.set("projetos_mesmo_proponente", sameProponentFlagged(projects, out));
  return out;
}

/** What the first plant the rules no longer flag is, or undefined when every plant of the world holds. */
export function missedPlant(world: World): string | undefined {
  const flags = flaggedBy(world.projects);
  for (const [metric, planted] of world.planted) {
    const missed = [...planted].filter((p) => !flags.get(metric)?.has(p));
    if (missed.length > 0) return `${metric} planted on ${missed.map((p) => p.pronac).join(", ")} but the rule does not flag it`;
  }
  for (const p of world.veryComplex) {
    const score = complexidade(p, flags);
    if (!(score > 6)) return `${p.pronac} planted as "Muito complexo" but its complexidade is ${score}, not above 6`;
  }
  return undefined;
}

/** Projects whose proponent's other projects look simpler (spec §4.10), from the other metrics' flags. */
export function sameProponentFlagged(projects: readonly Project[], flags: ReadonlyMap<MetricId, ReadonlySet<Project>>): Set<Project> {
  const listed = projects.filter((p) => p.listed);
  const c = new Map<Project, number>();
  for (const p of listed) c.set(p, weightedScore(p, PROPONENT_WEIGHTS, flags));
  const byProponent = new Map<string, Project[]>();
  for (const p of listed) {
    if (p.proponent === "") continue; // no proponent: no other projects
    const group = byProponent.get(p.proponent);
    if (group) group.push(p);
    else byProponent.set(p.proponent, [p]);
  }
  const out = new Set<Project>();
  for (const group of byProponent.values()) {
    if (group.length < 3) continue;
    for (const p of group) {
      const others = group.filter((q) => q !== p).map((q) => c.get(q) as number);
      const { mean, std } = meanAndStd(others);
      if ((c.get(p) as number) > mean + 1.5 * std) out.add(p);
    }
  }
  return out;
}

/** complexidade of a project (spec §5): round(10 · Σ weight·is_outlier / 22, 1), from the metrics' flags. */
export function complexidade(p: Project, flags: ReadonlyMap<MetricId, ReadonlySet<Project>>): number {
  return weightedScore(p, SCORE_WEIGHTS, flags);
}
