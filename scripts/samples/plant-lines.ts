/** Plants on budget lines: too many lines, unusual items, overpriced items. */
import type { Line, Project, SegmentItem } from "./model.js";
import { gaussianTargets, type Planter } from "./planter.js";
import { projectPriceLevel, recomputeTotals, setLineItem } from "./lines.js";
import { commonItems, commonRatio, meanAndStd, overpriced, pairKey, referencePrices } from "./rules.js";

const CUT_2013 = Date.UTC(2013, 0, 1) / 86_400_000;

/**
 * itens_orcamentarios: before lines exist, raises the planned line count of a
 * few budget projects far above their segment's mean + 1.5·sample std.
 */
export function plantLineCounts(planter: Planter, base: number): void {
  const members = planter.segmentMembers((p) => p.hasBudget);
  const picked = planter.pickPerSegment(
    planter.candidates((p) => p.hasBudget),
    members,
    planter.count(base),
    10,
    15,
  );
  for (const [segment, chosen] of picked) {
    const others = (members.get(segment) ?? []).filter((p) => !chosen.includes(p)).map((p) => p.lineCount);
    const targets = gaussianTargets(others, chosen.length, "sample");
    if (!targets) continue;
    chosen.forEach((p, j) => {
      p.lineCount = targets[j] as number;
      planter.record("itens_orcamentarios", p);
    });
  }
}

function snapshot(lines: readonly Line[]): () => void {
  const saved = lines.map((l) => ({ ...l }));
  return () => lines.forEach((l, i) => Object.assign(l, saved[i]));
}

/**
 * itens_comuns_e_incomuns_por_segmento: rewrites a project's lines with items
 * that are rare in its segment, so that it has none of the segment's common
 * items; kept only where its ratio 0 falls below mean − 1.5·std.
 */
export function plantUnusualItems(planter: Planter, base: number): void {
  const { rng } = planter;
  const members = planter.segmentMembers((p) => p.lines.length > 0);
  // Only segments whose ratios are tight enough for a ratio of 0 to fall below mean − 1.5·std.
  const allCommon = commonItems(planter.world.projects);
  const feasible = new Set(
    [...members].filter(([segment, group]) => {
      const { mean, std } = meanAndStd(group.map((q) => commonRatio(q, allCommon.get(segment.code))));
      return group.length >= 10 && mean - 1.5 * std > 0.02;
    }).map(([segment]) => segment),
  );
  const wanted = planter.count(base);
  const perSegment = new Map<string, number>();
  let planted = 0;
  for (const p of planter.candidates((q) => q.lines.length >= 3 && feasible.has(q.segment))) {
    if (planted >= wanted) break;
    const group = members.get(p.segment) ?? [];
    if ((perSegment.get(p.segment.code) ?? 0) >= Math.max(1, Math.floor(group.length / 20))) continue;
    const rare: SegmentItem[] = p.segment.others.slice(Math.floor(p.segment.others.length * 0.7));
    const restore = snapshot(p.lines);
    const level = projectPriceLevel(rng);
    for (const line of p.lines) setLineItem(rng, line, rng.pick(rare), level, p.products);
    const common = commonItems(group).get(p.segment.code);
    const ratios = group.map((q) => commonRatio(q, common));
    const { mean, std } = meanAndStd(ratios);
    const mine = commonRatio(p, common);
    // Also re-check earlier plants of this segment: the new lines change the item counts.
    const earlier = [...(planter.world.planted.get("itens_comuns_e_incomuns_por_segmento") ?? [])].filter((q) => q.segment === p.segment);
    if (mine < mean - 1.5 * std && earlier.every((q) => commonRatio(q, common) < mean - 1.5 * std)) {
      planter.record("itens_comuns_e_incomuns_por_segmento", p);
      perSegment.set(p.segment.code, (perSegment.get(p.segment.code) ?? 0) + 1);
      planted++;
    } else restore();
  }
}

/**
 * preco_itens: multiplies the unit price of more than 10 % of a recent
 * project's lines (items with at least 8 reference prices in its segment, one
 * planted line per segment and item) until each line is above its reference
 * mean + 1.5·std.
 */
export function plantOverpricedItems(planter: Planter, base: number): void {
  const { rng } = planter;
  const recent = planter.segmentMembers((p) => p.lines.length > 0 && p.dataProjetoDay >= CUT_2013);
  const usedPairs = new Set<number>();
  const wanted = planter.count(base);
  let planted = 0;
  // Only the reference counts are read here, and planting prices does not change them.
  const refs = referencePrices(planter.world.projects);
  for (const p of planter.candidates((q) => q.lines.length >= 5 && q.dataProjetoDay >= CUT_2013)) {
    if (planted >= wanted) break;
    const group = recent.get(p.segment) ?? [];
    if (group.length < 10) continue;
    const need = Math.floor(0.1 * p.lines.length) + 2;
    const pairOf = pairKey;
    const seen = new Set<number>();
    const eligible = p.lines.filter((l) => {
      const key = pairOf(l);
      const ok = l.unitApprovedMills > 0 && (refs.get(key)?.n ?? 0) >= 8 && !usedPairs.has(key) && !seen.has(key);
      if (ok) seen.add(key);
      return ok;
    });
    if (eligible.length < need) continue;
    const lines = eligible.slice(0, need);
    const restore = snapshot(lines);
    const base = lines.map((l) => l.unitApprovedMills);
    let factor = 5 + rng.next() * 3;
    let ok = false;
    for (let step = 0; step < 12 && !ok; step++, factor *= 1.3) {
      lines.forEach((l, i) => {
        l.unitApprovedMills = Math.round(((base[i] as number) * factor) / 10) * 10;
        l.unitRequestedMills = l.unitApprovedMills;
        recomputeTotals(l);
      });
      const local = referencePrices(group);
      ok = p.lines.filter((l) => overpriced(l, local)).length / p.lines.length > 0.1;
    }
    if (!ok) {
      restore();
      continue;
    }
    for (const l of lines) usedPairs.add(pairOf(l));
    planter.record("preco_itens", p);
    planted++;
  }
}

/**
 * A budget line filed under a second idPronac of its PRONAC (sample only): a
 * copy of one of an untouched project's lines whose item is common in its
 * segment, approved at 0, under another idPronac. all_items (spec §4.12)
 * keeps idPronac, so the copy is a row of its own, which the project's ratio
 * counts (found / rows + 1).
 */
export function plantSecondIdPronac(planter: Planter): void {
  const { world } = planter;
  const everyone = [...world.projects, ...world.keyless];
  let lineId = Math.max(...everyone.flatMap((p) => p.lines.map((l) => l.id)));
  const idPronac = Math.max(...everyone.flatMap((p) => [p.idPronac, ...p.lines.map((l) => l.idPronac ?? 0)])) + 1;
  const common = commonItems(world.projects);
  const commonLine = (p: Project) => p.lines.find((l) => l.segment === p.segment && common.get(p.segment.code)?.has(l.item.id));
  const p = planter.firstKeepingPlants(
    planter.candidates((q) => q.links.length === 0 && commonLine(q) !== undefined),
    (q) => {
      const line = commonLine(q) as Line;
      q.lines.push({ ...line, id: ++lineId, idPronac, unitRequestedMills: 0, unitApprovedMills: 0, totalRequestedCents: 0, totalApprovedCents: 0 });
      return () => void q.lines.pop();
    },
  );
  if (p === undefined) return;
  const copy = p.lines.at(-1) as Line;
  world.boundaries.push({
    pronacs: [p.pronac],
    rule: "itens_comuns_e_incomuns_por_segmento",
    case: `line ${copy.id} repeats another of its lines (item ${copy.item.id}, same product, city and stage) under idPronac ${idPronac}: a distinct all_items row`,
  });
}
