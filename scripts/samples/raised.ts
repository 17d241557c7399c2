/** Raised-funds rows (planilha_captacao) of a project. */
import { dayOf, formatDateTime, formatDay } from "./csv.js";
import type { Project, RaisedRow } from "./model.js";
import type { Rng } from "./prng.js";
import { cumulative } from "./prng.js";
import { IdSequence } from "./lines.js";
import type { TaxIds } from "./world.js";

const LAST_DAY = dayOf(2019, 12, 31);
const OPERATORS = [236, 1157, 4021, 5580, 7713, 9302, 12044];

/** Sponsors (CgcCpfMecena): mostly companies, a few sponsoring very many projects. */
export class SponsorPool {
  private readonly pool: string[];
  private readonly weights: Float64Array;
  constructor(
    private readonly rng: Rng,
    taxIds: TaxIds,
    size: number,
  ) {
    this.pool = Array.from({ length: size }, () => taxIds.any(0.85, 0.03));
    this.weights = cumulative(this.pool.map((_, r) => Math.pow(r + 1, -0.9)));
  }
  /** A sponsor, popular ones more often. */
  pick(): string {
    return this.pool[this.rng.weighted(this.weights)] as string;
  }
}

/** What raised-funds generation needs besides the project. */
export interface RaisedContext {
  readonly rng: Rng;
  readonly ids: IdSequence;
  readonly sponsors: SponsorPool;
  /** Mean number of rows per raised-funds project. */
  readonly meanRows: number;
}

/** Splits `cents` into `parts` integer shares that add up to it. */
export function splitCents(rng: Rng, cents: number, parts: number): number[] {
  if (parts <= 1) return [cents];
  const w = Array.from({ length: parts }, () => 0.3 + rng.next());
  const sum = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.floor((cents * x) / sum));
  out[parts - 1] = cents - out.slice(0, -1).reduce((a, b) => a + b, 0);
  return out;
}

/** Σ VlTotalAprovado of a project, in cents. */
export function approvedCents(project: Project): number {
  let s = 0;
  for (const l of project.lines) s += l.totalApprovedCents;
  return s;
}

/**
 * The project's raised-funds rows: 20–110 % of its approved budget (or a
 * log-normal amount without a budget), in a log-normal number of receipts.
 */
export function makeRaised(ctx: RaisedContext, project: Project): RaisedRow[] {
  const { rng } = ctx;
  const approved = approvedCents(project);
  const total =
    approved > 0 ? Math.round(approved * (0.2 + rng.next() * 0.9)) : Math.round(rng.logNormal(Math.log(15_000_000), 1.1));
  const n = Math.max(1, Math.round(ctx.meanRows * rng.logNormal(-0.32, 0.8)));
  return splitCents(rng, total, n).map((cents) => {
    const day = Math.min(LAST_DAY, project.protocolDay + rng.int(60, 1200));
    const year = new Date(day * 86_400_000).getUTCFullYear();
    return {
      id: ctx.ids.next(),
      receiptNumber: rng.chance(0.5) ? String(rng.int(1, 99999)).padStart(5, "0") : `${year}/${String(rng.int(1, 9999)).padStart(4, "0")}`,
      sponsor: ctx.sponsors.pick(),
      supportType: rng.chance(0.8) ? "2" : "1",
      provisionalMeasure: rng.chance(0.85) ? "1" : rng.chance(0.5) ? "2" : "",
      goodsOrServices: rng.chance(0.95) ? "0" : "1",
      arrival: formatDateTime(day + rng.int(0, 30), rng.int(8 * 3600, 18 * 3600)),
      receiptDate: formatDay(day),
      cents,
      logon: rng.pick(OPERATORS),
    };
  });
}
