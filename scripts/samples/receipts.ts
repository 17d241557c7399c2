/** Receipt links (planilha_comprovacao rows) and the providers they pay. */
import type { Line, Link, Project, Provider } from "./model.js";
import type { Rng } from "./prng.js";
import { cumulative } from "./prng.js";
import { IdSequence } from "./lines.js";
import { splitCents } from "./raised.js";
import { companyName, personName, shuffled, TaxIds } from "./world.js";

const PAYMENTS = ["1", "2", "3", "0", "", "1.0", "2.0"];
const PAYMENT_WEIGHTS = cumulative([0.18, 0.55, 0.05, 0.08, 0.08, 0.03, 0.03]);

/** Providers reused across projects (a few very often), and fresh ones seen once. */
export class ProviderPool {
  private readonly pool: Provider[];
  private readonly weights: Float64Array;
  constructor(
    private readonly rng: Rng,
    private readonly taxIds: TaxIds,
    size: number,
  ) {
    this.pool = Array.from({ length: size }, () => this.fresh());
    this.weights = cumulative(this.pool.map((_, r) => Math.pow(r + 1, -0.7)));
  }
  /** A provider never used before. */
  fresh(): Provider {
    const company = this.rng.chance(0.7);
    const taxId = this.rng.chance(0.02) ? this.taxIds.hashed() : company ? this.taxIds.cnpj() : this.taxIds.cpf();
    return { taxId, name: company ? companyName(this.rng) : personName(this.rng) };
  }
  /** A provider of the shared pool, popular ones more often. */
  pooled(): Provider {
    return this.pool[this.rng.weighted(this.weights)] as Provider;
  }
}

/** What link generation needs besides the project. */
export interface ReceiptContext {
  readonly rng: Rng;
  readonly receiptIds: IdSequence;
  readonly providers: ProviderPool;
  /** Mean share of a project's lines that have receipts. */
  readonly coverage: number;
  /** Probability that a project has one natural shared receipt. */
  readonly sharedShare: number;
  /** Share of a project's providers that are new (default 0.18). */
  readonly freshProviderShare?: number;
}

/** A payment type as written in tpFormaDePagamento ("1", "2.0", "0", "" …). */
export function drawPayment(rng: Rng): string {
  return PAYMENTS[rng.weighted(PAYMENT_WEIGHTS)] as string;
}

/** The project's providers: mostly from the shared pool, some fresh. */
export function projectProviders(ctx: ReceiptContext, count: number, freshShare = 0.18): Provider[] {
  const out = new Set<Provider>();
  for (let i = 0; i < count; i++) out.add(ctx.rng.chance(freshShare) ? ctx.providers.fresh() : ctx.providers.pooled());
  return [...out];
}

function link(ctx: ReceiptContext, line: Line, provider: Provider, cents: number): Link {
  const { rng } = ctx;
  return {
    line,
    receiptId: ctx.receiptIds.next(),
    provider,
    providerName: rng.chance(0.04) ? provider.name.toUpperCase() : provider.name,
    cents,
    payment: drawPayment(rng),
  };
}

/**
 * Receipt links of a project. Naturally a share of its priced lines gets one
 * receipt (sometimes 2–3), proving 70–100 % of the line. With `receipts`, the
 * project gets exactly that many distinct receipts spread over its lines.
 */
export function makeLinks(ctx: ReceiptContext, project: Project, receipts?: number): Link[] {
  const { rng } = ctx;
  const priced = project.lines.filter((l) => l.totalApprovedCents > 0);
  if (priced.length === 0) return [];
  const perLine: Array<[Line, number]> = [];
  if (receipts === undefined) {
    const share = Math.min(1, ctx.coverage * (0.5 + rng.next()));
    const covered = shuffled(rng, priced).slice(0, Math.max(1, Math.round(priced.length * share)));
    for (const line of covered) perLine.push([line, rng.chance(0.85) ? 1 : rng.chance(0.8) ? 2 : 3]);
  } else {
    const covered = shuffled(rng, priced).slice(0, Math.min(priced.length, receipts));
    covered.forEach((line, i) => {
      const n = Math.floor(receipts / covered.length) + (i < receipts % covered.length ? 1 : 0);
      perLine.push([line, n]);
    });
  }
  const expected = perLine.reduce((s, [, n]) => s + n, 0);
  const providers = projectProviders(ctx, Math.max(1, Math.min(30, Math.round(expected / 3 + rng.next() * 2))), ctx.freshProviderShare);
  // Keep the lines' order in the budget so rows come out grouped like an export.
  perLine.sort((a, b) => a[0].id - b[0].id);
  const links: Link[] = [];
  for (const [line, n] of perLine) {
    const proven = rng.chance(0.3) ? line.totalApprovedCents : Math.round(line.totalApprovedCents * (0.7 + rng.next() * 0.3));
    for (const cents of splitCents(rng, proven, n)) links.push(link(ctx, line, rng.pick(providers), cents));
  }
  if (links.length >= 2 && rng.chance(ctx.sharedShare)) shareOneReceipt(rng, links, rng.chance(0.6) ? rng.pick(["0", ""]) : undefined);
  return links;
}

/**
 * Makes two or more links of different lines use the same receipt (one payment
 * for several lines), with the given payment type (default: the first link's).
 * Returns the shared receipt id, or undefined if the links are all on one line.
 */
export function shareOneReceipt(rng: Rng, links: readonly Link[], payment?: string, count = 2): number | undefined {
  const first = rng.pick(links);
  const others = shuffled(
    rng,
    links.filter((l) => l.line !== first.line),
  );
  const lines = new Set<Line>([first.line]);
  const chosen: Link[] = [];
  for (const l of others) {
    if (chosen.length >= count - 1) break;
    if (!lines.has(l.line)) {
      lines.add(l.line);
      chosen.push(l);
    }
  }
  if (chosen.length === 0) return undefined;
  if (payment !== undefined) first.payment = payment;
  for (const l of chosen) {
    l.receiptId = first.receiptId;
    l.provider = first.provider;
    l.providerName = first.providerName;
    l.payment = first.payment;
  }
  return first.receiptId;
}
