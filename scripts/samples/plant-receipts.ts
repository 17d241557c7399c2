/** Plants on receipt links: unproven money, many receipts, > 150 %, shared receipts, new providers. */
import type { Link, Project } from "./model.js";
import { gaussianTargets, type Planter } from "./planter.js";
import { makeLinks, type ReceiptContext, shareOneReceipt } from "./receipts.js";
import { above150 } from "./rules.js";

/** valor_a_ser_comprovado: projects that raised money and have receipts lose all their receipts. */
export function plantUnprovenMoney(planter: Planter, base: number): void {
  for (const p of planter.candidates((q) => q.raised.length > 0 && q.links.length > 0).slice(0, planter.count(base))) {
    p.links = [];
    p.hasReceipts = false;
    planter.record("valor_a_ser_comprovado", p);
  }
}

/** comprovante_pagamento: a few projects get many more distinct receipts than their segment. */
export function plantManyReceipts(planter: Planter, ctx: ReceiptContext, base: number): void {
  const members = planter.segmentMembers((p) => p.links.length > 0);
  const priced = (p: Project) => p.lines.filter((l) => l.totalApprovedCents > 0).length;
  const picked = planter.pickPerSegment(
    planter.candidates((p) => p.links.length > 0 && priced(p) >= 3),
    members,
    planter.count(base),
    10,
    15,
  );
  for (const [segment, chosen] of picked) {
    const others = (members.get(segment) ?? []).filter((p) => !chosen.includes(p)).map((p) => new Set(p.links.map((l) => l.receiptId)).size);
    const targets = gaussianTargets(others, chosen.length, "population");
    if (!targets) continue;
    chosen.forEach((p, j) => {
      p.links = makeLinks({ ...ctx, sharedShare: 0 }, p, targets[j]);
      planter.record("comprovante_pagamento", p);
    });
  }
}

const SPECIAL = /[\n",']/;

/**
 * comprovantes_acima_50: 1–3 links of a project prove 1.6–3.6 times their
 * line's approved value (lines whose item has a line break, quote or comma
 * first, so the cleaned `nome` gets exercised). Also sets a few links of other
 * projects to exactly 150 % of their line, which must never be flagged.
 */
export function plantAbove150(planter: Planter, base: number): void {
  const { rng } = planter;
  for (const p of planter.candidates((q) => q.links.some((l) => l.line.totalApprovedCents >= 100)).slice(0, planter.count(base))) {
    const links = p.links.filter((l) => l.line.totalApprovedCents >= 100);
    links.sort((a, b) => Number(SPECIAL.test(b.line.itemText)) - Number(SPECIAL.test(a.line.itemText)));
    for (const l of links.slice(0, rng.int(1, 3))) {
      l.cents = Math.ceil(l.line.totalApprovedCents * (1.6 + rng.next() * 2));
      if (!above150(l.cents, l.line.totalApprovedCents)) l.cents += 1;
    }
    planter.record("comprovantes_acima_50", p);
  }
  for (const p of planter.candidates((q) => q.links.some((l) => l.line.totalApprovedCents % 2 === 0 && l.line.totalApprovedCents > 0)).slice(0, planter.count(3))) {
    const l = p.links.find((x) => x.line.totalApprovedCents % 2 === 0 && x.line.totalApprovedCents > 0) as Link;
    l.cents = (l.line.totalApprovedCents * 3) / 2;
    planter.used.add(p);
  }
}

const SHARED = [
  ["comprovante_cheque", ["1", "1.0"]],
  ["comprovante_transferencia", ["2", "2.0"]],
  ["comprovante_saque", ["3"]],
] as const;

/** comprovante_cheque / _transferencia / _saque: one receipt of the type pays 2–3 lines of a project. */
export function plantSharedReceipts(planter: Planter, bases: readonly [number, number, number]): void {
  const { rng } = planter;
  SHARED.forEach(([metric, spellings], k) => {
    const noSharing = (p: Project) => new Set(p.links.map((l) => l.receiptId)).size === p.links.length;
    const candidates = planter.candidates((p) => noSharing(p) && new Set(p.links.map((l) => l.line)).size >= 3);
    for (const p of candidates.slice(0, planter.count(bases[k] as number))) {
      if (shareOneReceipt(rng, p.links, rng.pick(spellings), rng.int(2, 3)) !== undefined) planter.record(metric, p);
    }
  });
}

/** novos_fornecedores: every provider of a project is replaced by a provider seen nowhere else. */
export function plantNewProviders(planter: Planter, ctx: ReceiptContext, base: number): void {
  const members = planter.segmentMembers((p) => p.links.length > 0);
  for (const p of planter.candidates((q) => q.links.length >= 2 && (members.get(q.segment)?.length ?? 0) >= 5).slice(0, planter.count(base))) {
    const fresh = new Map<string, ReturnType<typeof ctx.providers.fresh>>();
    for (const l of p.links) {
      let f = fresh.get(l.provider.taxId);
      if (!f) fresh.set(l.provider.taxId, (f = ctx.providers.fresh()));
      l.provider = f;
      l.providerName = f.name;
    }
    planter.record("novos_fornecedores", p);
  }
}
