/** Plants on money totals: proven, approved and raised values far above the segment. */
import type { Project, Segment } from "./model.js";
import { growUntil, type Planter } from "./planter.js";
import { recomputeTotals } from "./lines.js";
import { GAUSSIAN, type GaussianMetric, gaussianFlagged, sumCents } from "./rules.js";

function allFlagged(metric: GaussianMetric | undefined, group: readonly Project[], chosen: readonly Project[]): boolean {
  if (!metric) throw new Error("unknown Gaussian metric");
  const flagged = gaussianFlagged(metric, group);
  return chosen.every((p) => flagged.has(p));
}

/** A first factor: what brings the smallest planted value up to the group's largest other value. */
function startFactor(metrics: ReadonlyArray<GaussianMetric | undefined>, group: readonly Project[], chosen: readonly Project[]): number {
  let f = 2;
  for (const m of metrics) {
    if (!m) continue;
    let maxOther = 0;
    for (const p of group) if (!chosen.includes(p)) maxOther = Math.max(maxOther, m.value(p) ?? 0);
    const mine = Math.min(...chosen.map((p) => m.value(p) ?? 0));
    if (mine > 0) f = Math.max(f, maxOther / mine);
  }
  return f;
}

/** Multiplies quantities (and, with `links`, proven values) of the chosen projects by growing integer factors. */
function scaler(chosen: readonly Project[], links: boolean): (factor: number | undefined) => void {
  const qty = chosen.map((p) => p.lines.map((l) => l.qtItem));
  const cents = chosen.map((p) => p.links.map((l) => l.cents));
  return (factor) => {
    chosen.forEach((p, i) => {
      const k = factor === undefined ? 1 : Math.ceil(factor * (1 + 0.1 * i));
      p.lines.forEach((l, j) => {
        l.qtItem = (qty[i]?.[j] as number) * k;
        recomputeTotals(l);
      });
      if (links) p.links.forEach((l, j) => (l.cents = (cents[i]?.[j] as number) * k));
    });
  };
}

/**
 * valor_comprovado (and so valor_aprovado): a project with receipts has its
 * budget quantities and proven values multiplied until both its proven and
 * approved totals are above their segment's mean + 1.5·sample std. Returns
 * the segments used.
 */
export function plantLargeProvenValue(planter: Planter, base: number): Set<Segment> {
  const members = planter.segmentMembers((p) => p.links.length > 0 || p.lines.length > 0);
  const withLinks = planter.segmentMembers((p) => p.links.length > 0);
  const picked = planter.pickPerSegment(planter.candidates((p) => p.links.length > 0), withLinks, planter.count(base), 10, 20);
  const used = new Set<Segment>();
  for (const [segment, chosen] of picked) {
    const group = members.get(segment) ?? [];
    const start = startFactor([GAUSSIAN.valor_comprovado, GAUSSIAN.valor_aprovado], group, chosen);
    const ok = growUntil(start, scaler(chosen, true), () =>
      allFlagged(GAUSSIAN.valor_comprovado, group, chosen) && allFlagged(GAUSSIAN.valor_aprovado, group, chosen),
    );
    if (!ok) continue;
    used.add(segment);
    for (const p of chosen) {
      planter.record("valor_comprovado", p);
      planter.record("valor_aprovado", p);
    }
  }
  return used;
}

/** valor_aprovado: a budget project without receipts, in a segment not used above, gets its quantities multiplied. */
export function plantLargeApprovedValue(planter: Planter, base: number, avoid: ReadonlySet<Segment>): void {
  const members = planter.segmentMembers((p) => p.lines.length > 0);
  const picked = planter.pickPerSegment(
    planter.candidates((p) => p.lines.length > 0 && p.links.length === 0 && !avoid.has(p.segment)),
    members,
    planter.count(base),
    10,
    20,
  );
  for (const [segment, chosen] of picked) {
    const group = members.get(segment) ?? [];
    const start = startFactor([GAUSSIAN.valor_aprovado], group, chosen);
    if (!growUntil(start, scaler(chosen, false), () => allFlagged(GAUSSIAN.valor_aprovado, group, chosen))) continue;
    for (const p of chosen) planter.record("valor_aprovado", p);
  }
}

/** valor_captado: a project's raised-funds receipts are multiplied until its total is above its segment. */
export function plantLargeRaisedValue(planter: Planter, base: number): void {
  const members = planter.segmentMembers((p) => p.raised.length > 0);
  const picked = planter.pickPerSegment(planter.candidates((p) => p.raised.length > 0), members, planter.count(base), 10, 20);
  for (const [segment, chosen] of picked) {
    const group = members.get(segment) ?? [];
    const cents = chosen.map((p) => p.raised.map((r) => r.cents));
    const apply = (factor: number | undefined) =>
      chosen.forEach((p, i) => {
        const k = factor === undefined ? 1 : Math.ceil(factor * (1 + 0.1 * i));
        p.raised.forEach((r, j) => (r.cents = (cents[i]?.[j] as number) * k));
      });
    if (!growUntil(startFactor([GAUSSIAN.valor_captado], group, chosen), apply, () => allFlagged(GAUSSIAN.valor_captado, group, chosen))) continue;
    for (const p of chosen) planter.record("valor_captado", p);
  }
}

/**
 * Natural, not an anomaly: a few projects raised exactly what they proved
 * (valor_a_ser_comprovado 0). Their raised receipts are rescaled to add up to
 * the proven total, to the cent.
 */
export function matchRaisedToProven(planter: Planter, base: number): void {
  for (const p of planter.candidates((q) => q.raised.length > 0 && q.links.length > 0).slice(0, planter.count(base))) {
    const proven = sumCents(p.links, (l) => l.cents);
    const raised = sumCents(p.raised, (r) => r.cents);
    let left = proven;
    p.raised.forEach((r, i) => {
      r.cents = i === p.raised.length - 1 ? left : Math.floor((r.cents * proven) / raised);
      left -= r.cents;
    });
    planter.used.add(p);
  }
}
