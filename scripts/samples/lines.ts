/** Budget lines (planilha_orcamentaria rows) of a project. */
import type { City, Line, Product, Project, SegmentItem } from "./model.js";
import type { Rng } from "./prng.js";
import { ADMIN_PRODUCT, CITY_LIST } from "./world.js";

/** Increasing ids with small gaps (idPlanilhaAprovacao, receipt ids…). */
export class IdSequence {
  constructor(
    private readonly rng: Rng,
    private current: number,
    private readonly maxGap = 3,
  ) {}
  /** The next id. */
  next(): number {
    this.current += this.rng.int(1, this.maxGap);
    return this.current;
  }
}

/** Approved and requested totals from unit price, quantity and occurrences (cents, rounded). */
export function recomputeTotals(line: Line): void {
  const n = line.qtItem * line.nrOcorrencia;
  line.totalApprovedCents = Math.round((line.unitApprovedMills * n) / 10);
  line.totalRequestedCents = Math.round((line.unitRequestedMills * n) / 10);
}

function quantity(rng: Rng, si: SegmentItem): number {
  const price = si.item.price;
  if (price < 10) return rng.int(100, 5000);
  if (price < 100) return rng.int(5, 300);
  if (si.item.unit === "Mês") return rng.int(1, 12);
  if (si.item.unit === "Diária" || si.item.unit === "Hora") return rng.int(1, 40);
  return Math.min(8, 1 + Math.floor(-Math.log(1 - rng.next()) * 1.2));
}

/** A unit price in mills around the segment's price: log-normal, a few cut to 0, a few with 3 decimals. */
export function drawUnitPrice(rng: Rng, si: SegmentItem, projectLevel: number): number {
  const r = rng.next();
  if (r < 0.01) return 0;
  const cents = Math.max(1, Math.round((si.priceMills * projectLevel * rng.logNormal(0, 0.3)) / 10));
  return r > 0.997 ? cents * 10 + rng.int(1, 9) : cents * 10;
}

/** Fills a line's item, quantities and prices from a segment item. */
export function setLineItem(rng: Rng, line: Line, si: SegmentItem, projectLevel: number, products: readonly Product[]): void {
  line.item = si.item;
  line.itemText = rng.chance(0.03) && !si.item.name.includes("\n") ? si.item.name.toUpperCase() : si.item.name;
  line.unit = rng.chance(0.02) ? "" : si.item.unit;
  line.qtDias = rng.chance(0.1) ? 0 : rng.int(1, 90);
  line.qtItem = quantity(rng, si);
  line.nrOcorrencia = rng.chance(0.7) ? 1 : rng.int(2, 6);
  line.unitApprovedMills = drawUnitPrice(rng, si, projectLevel);
  const requested = line.unitApprovedMills === 0 ? si.priceMills : line.unitApprovedMills;
  line.unitRequestedMills = rng.chance(0.7) ? requested : Math.round((requested * (1 + rng.next() * 0.6)) / 10) * 10;
  line.stage = si.item.stage;
  line.product = si.item.admin ? ADMIN_PRODUCT : (rng.pick(products.slice(1)) as Product);
  recomputeTotals(line);
}

/** A project's price level: some projects pay more than others for everything. */
export function projectPriceLevel(rng: Rng): number {
  return rng.logNormal(0, 0.15);
}

/**
 * The project's `lineCount` budget lines: most of its segment's core items,
 * then items of the segment's catalogue by popularity; most in the project's
 * city, some elsewhere (tours).
 */
export function makeLines(rng: Rng, project: Project, ids: IdSequence): Line[] {
  const seg = project.segment;
  const level = projectPriceLevel(rng);
  const chosen: SegmentItem[] = [];
  for (const si of seg.core) if (chosen.length < project.lineCount && rng.chance(0.9)) chosen.push(si);
  while (chosen.length < project.lineCount) chosen.push(seg.others[rng.weighted(seg.otherWeights)] as SegmentItem);
  return chosen.map((si) => {
    const city = rng.chance(0.8) ? project.city : (rng.pick(CITY_LIST) as City);
    const line = {
      id: ids.next(),
      segment: seg,
      city,
      stage: 0,
      qtDias: 0,
      qtItem: 0,
      nrOcorrencia: 0,
      unitApprovedMills: 0,
      unitRequestedMills: 0,
      totalApprovedCents: 0,
      totalRequestedCents: 0,
      itemText: "",
      unit: "",
      item: si.item,
      product: ADMIN_PRODUCT,
    } satisfies Line;
    setLineItem(rng, line, si, level, project.products);
    return line;
  });
}
