/**
 * Negative money (issue #12 point 4): reversals make Salic money negative
 * (a refunded receipt, a returned contribution), and the loaders accept it.
 * Without a negative value, a module that rounds negatives wrongly (or drops
 * their sign) would be promoted. Each case is a half cent, so that the
 * rounding of a negative tie is at stake as well (half to even: −12.345 →
 * −12.34, −3.215 → −3.22):
 *
 * - valor_comprovado, valor_aprovado and valor_captado: a project whose total
 *   is negative (its last row makes up the difference);
 * - comprovantes_acima_50: a line approved at a negative value, proven by its
 *   only link at 0 or more, so above 150 % of it and listed with its value;
 * - each shared-receipt metric: a receipt in two rows of a project, one of
 *   them proving a negative value.
 *
 * Only projects no other plant touched, each change kept only if every plant
 * still holds (checkPlants' rules read negative money as they read any).
 */
import type { Line, Link, Project, RaisedRow } from "./model.js";
import { type Planter, soleLinks } from "./planter.js";
import { above150, sumCents } from "./rules.js";

const formatReais = (cents: number) => `R$ ${(cents / 100).toFixed(3)}`;

/** The rows a metric sums per project, the ones a plant may set, and how. */
interface MoneyRows<R> {
  readonly metric: string;
  all(p: Project): readonly R[];
  rows(p: Project): readonly R[];
  get(row: R): number;
  set(row: R, cents: number): void;
}

/** Plants every case of the module comment. */
export function plantNegativeMoney(planter: Planter): void {
  const proven: MoneyRows<Link> = { metric: "valor_comprovado", all: (p) => p.links, rows: (p) => p.links, get: (l) => l.cents, set: (l, c) => (l.cents = c) };
  // Lines no receipt proves: the 150 % rule never sees them.
  const approved: MoneyRows<Line> = {
    metric: "valor_aprovado",
    all: (p) => p.lines,
    rows: (p) => p.lines.filter((l) => !p.links.some((k) => k.line === l)),
    get: (l) => l.totalApprovedCents,
    set: (l, c) => (l.totalApprovedCents = c),
  };
  // Projects without receipts: valor_a_ser_comprovado is then the raised total itself.
  const raised: MoneyRows<RaisedRow> = {
    metric: "valor_captado",
    all: (p) => p.raised,
    rows: (p) => (p.links.length === 0 ? p.raised : []),
    get: (r) => r.cents,
    set: (r, c) => (r.cents = c),
  };
  plantNegativeTotal(planter, proven, -1234.5);
  plantNegativeTotal(planter, approved, -5678.5);
  plantNegativeTotal(planter, raised, -321.5);
  plantNegativeApproval(planter, -1000.5);
  plantNegativeSharedRows(planter, -777.5);
}

function plantNegativeTotal<R>(planter: Planter, t: MoneyRows<R>, total: number): void {
  const p = planter.firstKeepingPlants(
    planter.candidates((q) => t.rows(q).length >= 2),
    (q) => {
      const last = t.rows(q).at(-1) as R;
      const before = t.get(last);
      t.set(last, total - (sumCents(t.all(q), t.get) - before));
      return () => t.set(last, before);
    },
  );
  if (p !== undefined) planter.world.boundaries.push({ pronacs: [p.pronac], rule: `${t.metric} (negative money)`, case: `total ${formatReais(total)}: a negative half cent, rounds to even` });
}

function plantNegativeApproval(planter: Planter, approvedCents: number): void {
  const onlyLink = (q: Project) => soleLinks(q).find((k) => k.cents >= 0);
  const p = planter.firstKeepingPlants(
    planter.candidates((q) => onlyLink(q) !== undefined),
    (q) => {
      const line = (onlyLink(q) as Link).line;
      const before = line.totalApprovedCents;
      line.totalApprovedCents = approvedCents;
      return () => void (line.totalApprovedCents = before);
    },
  );
  if (p === undefined) return;
  const link = p.links.find((k) => k.line.totalApprovedCents === approvedCents) as Link;
  if (!above150(link.cents, approvedCents)) throw new Error(`internal error: ${p.pronac}'s link is not above 150 % of a negative approval`);
  planter.world.boundaries.push({
    pronacs: [p.pronac],
    rule: "comprovantes_acima_50 (negative money)",
    case: `a line approved at ${formatReais(approvedCents)}, proven ${formatReais(link.cents)} by its only link: above 150 %, listed with a negative approved value`,
  });
}

function plantNegativeSharedRows(planter: Planter, cents: number): void {
  for (const [code, metric] of [["1", "comprovante_cheque"], ["2", "comprovante_transferencia"], ["3", "comprovante_saque"]] as const) {
    // Two rows of one receipt of the project: shared (spec §4.8), the first proving the negative value.
    const p = planter.firstKeepingPlants(
      planter.candidates((q) => q.links.length >= 2),
      (q) => {
        const [a, b] = q.links as [Link, Link];
        const before = [a.cents, a.payment, b.receiptId, b.payment] as const;
        a.cents = cents;
        a.payment = b.payment = code;
        b.receiptId = a.receiptId;
        return () => void ([a.cents, a.payment, b.receiptId, b.payment] = before);
      },
    );
    if (p !== undefined)
      planter.world.boundaries.push({
        pronacs: [p.pronac],
        rule: `${metric} (negative money)`,
        case: `a receipt in two rows of the project, one proving ${formatReais(cents)}: listed negative, a half cent rounding to even`,
      });
  }
}
