/**
 * "Muito complexo" projects (spec §5, complexidade > 6): the other plants make
 * a project anomalous on one metric only, and no single weight reaches 6/10.
 */
import type { Link, MetricId, Project } from "./model.js";
import type { Planter } from "./planter.js";
import { above150, sumCents } from "./rules.js";

/** One link per budget line, in budget order, over lines with a single receipt of their own. */
function oneLinkPerLine(p: Project): Link[] {
  const perReceipt = new Map<number, number>();
  for (const l of p.links) perReceipt.set(l.receiptId, (perReceipt.get(l.receiptId) ?? 0) + 1);
  const byLine = new Map<number, Link>();
  for (const l of p.links) if (perReceipt.get(l.receiptId) === 1 && !byLine.has(l.line.id)) byLine.set(l.line.id, l);
  return [...byLine.values()].sort((a, b) => a.line.id - b.line.id);
}

/** Makes the links share the first one's receipt (one payment for several lines), paid as `payment`. */
function share(links: readonly Link[], payment: string): void {
  const [first, ...rest] = links as [Link, ...Link[]];
  first.payment = payment;
  for (const l of rest) {
    l.receiptId = first.receiptId;
    l.provider = first.provider;
    l.providerName = first.providerName;
    l.payment = payment;
  }
}

/**
 * Several weighted metrics on one project: a shared transfer receipt (5), a
 * shared cash-withdrawal receipt (5) and raised money not proven (5), 15/22 →
 * 6.8; every second project also proves one line above 150 % (2), 17/22 → 7.7.
 * Adds them to `world.veryComplex`, whose complexidade checkPlants verifies.
 */
export function plantVeryComplex(planter: Planter, base: number): void {
  const { rng } = planter;
  const candidates = planter.candidates((p) => p.raised.length > 0 && (oneLinkPerLine(p)[4]?.line.totalApprovedCents ?? 0) >= 100);
  for (const p of candidates.slice(0, planter.count(base))) {
    const free = oneLinkPerLine(p);
    const metrics: MetricId[] = ["comprovante_transferencia", "comprovante_saque", "valor_a_ser_comprovado"];
    share(free.slice(0, 2), rng.pick(["2", "2.0"]));
    share(free.slice(2, 4), "3");
    const line = free[4] as Link;
    if (planter.world.veryComplex.size % 2 === 1) {
      line.cents = Math.ceil(line.line.totalApprovedCents * (1.6 + rng.next()));
      if (!above150(line.cents, line.line.totalApprovedCents)) line.cents += 1;
      metrics.push("comprovantes_acima_50");
    }
    // Raised money left unproven; most raised totals already differ from the proven one,
    // so only an exact match is touched (by one real), to leave valor_captado's statistics alone.
    const raised = p.raised[0];
    if (raised && sumCents(p.raised, (r) => r.cents) === sumCents(p.links, (l) => l.cents)) raised.cents += 100;
    for (const m of metrics) planter.record(m, p);
    planter.world.veryComplex.add(p);
  }
}
