/**
 * Money with fractions of a cent (issue #12 point 4). Spec §2 lets money
 * carry more than two decimals, summed exactly; §3 reports money results
 * rounded to 2 decimals, which the modules read as half to even. With whole
 * cents only, every sum is already rounded and the rounding rule is never
 * exercised: a module rounding half up, or truncating, would be promoted.
 * So a few values get a fraction of a cent, in eighths (exact in a double, so
 * the generator's own rules still sum exactly), on:
 *
 * - the project totals of valor_comprovado, valor_aprovado and valor_captado
 *   (a tie on an even cent, a tie on an odd cent, 3/8 and 3/4 of a cent),
 *   and totals of exactly R$ 0.01 and 0 (raised totals on projects without
 *   receipts, whose valor_a_ser_comprovado is the raised total itself);
 * - raised − proven of valor_a_ser_comprovado: the same fractions, exactly one
 *   cent (an outlier), and 3/8 and 1/2 of a cent (reported 0.00: not an
 *   outlier, "exact to the cent");
 * - the proven values listed by comprovantes_acima_50 (and R$ 0.01 proven on
 *   a line approved at 0, and on one approved at R$ 0.000001, the least money
 *   above 0) and by each shared-receipt metric (also R$ 0.01 and 0).
 *
 * Only values of projects no other plant touched change (shared-receipt rows
 * excepted, whose flags do not depend on values), always downwards by less
 * than 7 cents for the fractions, never across the 150 % rule; checkPlants
 * re-checks every plant afterwards. Each case is listed in `world.boundaries`.
 */
import type { Line, Link, Project, RaisedRow } from "./model.js";
import { type Planter, soleLinks } from "./planter.js";
import { above150, paymentCode, receiptRowCounts, sumCents } from "./rules.js";

/** A fraction of a cent on a whole cent of a given residue mod 6 (parity and residue mod 3, which rounding mutants confuse). */
interface Fraction {
  readonly name: string;
  readonly fraction: number;
  readonly residue6?: number;
}

const FRACTIONS: readonly Fraction[] = [
  { name: "half a cent on an even cent (rounds down, half to even)", fraction: 0.5, residue6: 4 },
  { name: "half a cent on an odd cent (rounds up, half to even)", fraction: 0.5, residue6: 3 },
  { name: "3/8 of a cent (rounds down)", fraction: 0.375 },
  { name: "3/4 of a cent (rounds up)", fraction: 0.75 },
];

/** The largest value below `cents` with the fraction's shape, at least 6 whole cents; undefined when `cents` is too small. */
export function lowerTo(cents: number, shape: Fraction): number | undefined {
  let whole = Math.floor(cents - shape.fraction);
  if (whole + shape.fraction >= cents) whole -= 1;
  if (shape.residue6 !== undefined) whole -= (((whole - shape.residue6) % 6) + 6) % 6;
  return whole >= 6 ? whole + shape.fraction : undefined;
}

/** The rows a Gaussian money metric sums per project, and which of them a plant may lower. */
interface MoneyRows<R> {
  readonly metric: "valor_comprovado" | "valor_aprovado" | "valor_captado";
  rows(p: Project): readonly R[];
  get(row: R): number;
  set(row: R, cents: number): void;
  lowerable(row: R, p: Project): boolean;
}

/** One micro-real in cents: the smallest money the loaders keep (six decimals). */
const ONE_MICRO_REAL = 0.0001;

const formatReais = (cents: number) => `R$ ${(cents / 100).toFixed(5).replace(/0{1,3}$/, "")}`;

/** Plants the fractions of a cent (see the module comment). Sample scale only: the national data stays as benchmarked. */
export function plantSubCents(planter: Planter): void {
  const { world } = planter;
  const note = (projects: readonly Project[], rule: string, what: string) =>
    world.boundaries.push({ pronacs: projects.map((p) => p.pronac), rule, case: what });
  const take = (filter: (p: Project) => boolean): Project | undefined => {
    const p = planter.candidates(filter)[0];
    if (p !== undefined) planter.used.add(p);
    return p;
  };
  // A link may be lowered when it is not above 150 %: lowering keeps it so.
  const lowerable = (l: Link) => !above150(l.cents, l.line.totalApprovedCents);

  // Project totals of the three Gaussian money metrics.
  const plantTotals = <R>(t: MoneyRows<R>) => {
    const free = (p: Project) => t.rows(p).filter((r) => t.lowerable(r, p));
    for (const shape of FRACTIONS) {
      const p = take((q) => free(q).some((r) => t.get(r) >= 20));
      if (p === undefined) continue;
      const row = free(p).find((r) => t.get(r) >= 20) as R;
      const total = sumCents(t.rows(p), t.get);
      const target = lowerTo(total, shape) as number;
      t.set(row, t.get(row) - (total - target));
      note([p], `${t.metric} (money rounded to the cent)`, `total ${formatReais(target)}: ${shape.name}`);
    }
    for (const cents of [1, 0]) {
      // Every row of the project is set (the first to `cents`, the others to 0), so all of them must be free to change.
      const p = take((q) => t.rows(q).length > 0 && free(q).length === t.rows(q).length);
      if (p === undefined) continue;
      t.rows(p).forEach((r, i) => t.set(r, i === 0 ? cents : 0));
      note([p], `${t.metric} (money rounded to the cent)`, `total exactly ${formatReais(cents)}`);
    }
  };
  plantTotals<Link>({ metric: "valor_comprovado", rows: (p) => p.links, get: (l) => l.cents, set: (l, c) => (l.cents = c), lowerable });
  // Only lines no receipt proves may change: the 150 % rule never sees them.
  plantTotals<Line>({
    metric: "valor_aprovado",
    rows: (p) => p.lines,
    get: (l) => l.totalApprovedCents,
    set: (l, c) => (l.totalApprovedCents = c),
    lowerable: (l, p) => !p.links.some((k) => k.line === l),
  });
  // Projects without receipts only: valor_a_ser_comprovado then reports the raised total itself (proven 0, spec §4.6).
  plantTotals<RaisedRow>({
    metric: "valor_captado",
    rows: (p) => (p.links.length === 0 ? p.raised : []),
    get: (r) => r.cents,
    set: (r, c) => (r.cents = c),
    lowerable: () => true,
  });

  // raised − proven: projects with one raised row and some receipts.
  const gaps: ReadonlyArray<readonly [number, string]> = [
    ...FRACTIONS.map((f) => [lowerTo(12, f) as number, f.name] as const),
    [1, "exactly one cent: R$ 0.01, an outlier"],
    [0.375, "3/8 of a cent: reported 0.00, not an outlier (exact to the cent)"],
    [0.5, "half a cent on 0: reported 0.00 (half to even), not an outlier"],
  ];
  // The last raised row makes up the gap: the others must not already exceed what was proven.
  const others = (p: Project) => sumCents(p.raised.slice(0, -1), (r) => r.cents);
  for (const [gap, what] of gaps) {
    const p = take((q) => q.raised.length > 0 && others(q) <= sumCents(q.links, (l) => l.cents));
    if (p === undefined) continue;
    (p.raised.at(-1) as RaisedRow).cents = sumCents(p.links, (l) => l.cents) + gap - others(p);
    note([p], "valor_a_ser_comprovado (raised − proven, exact to the cent)", `raised − proven = ${formatReais(gap)}: ${what}`);
  }

  // Links of any project not on a boundary from here on (checkPlants re-checks the planted ones):
  // untouched projects seldom prove above 150 % or share receipts.
  const onBoundary = new Set(world.boundaries.flatMap((b) => b.pronacs));
  const links = world.projects.filter((p) => !onBoundary.has(p.pronac)).flatMap((p) => p.links.map((l) => [p, l] as const));
  const changed = new Set<Link>();
  const change = (found: readonly [Project, Link] | undefined, cents: (l: Link) => number, rule: string, what: (l: Link) => string) => {
    if (found === undefined) return;
    const [p, l] = found;
    l.cents = cents(l);
    changed.add(l);
    note([p], rule, what(l));
  };

  // Proven values listed by comprovantes_acima_50: links above 150 % stay above when lowered a few cents.
  for (const shape of FRACTIONS) {
    change(
      links.find(([, l]) => !changed.has(l) && isAboveAfter(l, shape)),
      (l) => lowerTo(l.cents, shape) as number,
      "comprovantes_acima_50 (money rounded to the cent)",
      (l) => `a link above 150 % proving ${formatReais(l.cents)}: ${shape.name}`,
    );
  }
  // Lines of untouched projects, approved at 0 (porcentagem is then the proven value) and at the least money
  // above 0, one micro-real (porcentagem is then the ratio, spec §4.7), each proven R$ 0.01 by its only link.
  const approvals: ReadonlyArray<readonly [number, string, string]> = [
    [0, "comprovantes_acima_50 (money rounded to the cent)", "R$ 0.01 proven on a line approved at 0: above 150 % of 0, porcentagem 0.01"],
    [ONE_MICRO_REAL, "comprovantes_acima_50 (money below a cent)", "R$ 0.01 proven on a line approved at R$ 0.000001 (one micro-real, above 0): porcentagem 999900"],
  ];
  for (const [approvedCents, rule, what] of approvals) {
    const p = take((q) => soleLinks(q).length > 0);
    if (p === undefined) continue;
    const l = soleLinks(p)[0] as Link;
    l.line.totalApprovedCents = approvedCents;
    change([p, l], () => 1, rule, () => what);
  }

  // Rows of shared receipts, per payment type (their flags do not depend on values).
  const rowsOf = receiptRowCounts(world.projects);
  for (const [code, metric] of [["1", "comprovante_cheque"], ["2", "comprovante_transferencia"], ["3", "comprovante_saque"]] as const) {
    const shared = links
      .filter(([, l]) => (rowsOf.get(l.receiptId) ?? 0) > 1 && paymentCode(l.payment) === code && lowerable(l) && !changed.has(l));
    const cases: ReadonlyArray<readonly [(cents: number) => number | undefined, string]> = [
      ...FRACTIONS.map((f) => [(c: number) => lowerTo(c, f), f.name] as const),
      [() => 1, "exactly R$ 0.01"],
      [() => 0, "exactly 0"],
    ];
    for (const [shape, what] of cases) {
      change(
        shared.find(([, l]) => !changed.has(l) && shape(l.cents) !== undefined),
        (l) => shape(l.cents) as number,
        `${metric} (money rounded to the cent)`,
        (l) => `a shared receipt's row proving ${formatReais(l.cents)}: ${what}`,
      );
    }
  }
}

/** Whether a link above 150 % stays above once lowered to the fraction's shape. */
function isAboveAfter(l: Link, shape: Fraction): boolean {
  const lowered = lowerTo(l.cents, shape);
  return above150(l.cents, l.line.totalApprovedCents) && lowered !== undefined && above150(lowered, l.line.totalApprovedCents);
}
