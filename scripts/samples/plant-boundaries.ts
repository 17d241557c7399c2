/**
 * Boundary cases (issue #12 point 4): values equal to their thresholds, ties,
 * zeros and limit dates, where a rule and its off-by-one twin give different
 * answers. The gate compares notebook and module only on what the sample
 * holds, so each case the spec's rules have an edge at is built here, by
 * hand, on projects nobody else touched:
 *
 * - segment T1 (the first one-project segment) gets exactly four budget
 *   projects, three "small" and one "large", whose line counts (2,2,2,6),
 *   approved and proven totals (100,100,100,300) and raised totals
 *   (60,60,60,100) put the large one exactly at mean + 1.5·sample std;
 * - segment T2 (the last tiny segment) holds the preco_itens cases on new
 *   catalogue items: nine lines at R$ 1.00 and four at R$ 14.00 (exactly
 *   mean + 1.5·population std), a project dated exactly 2013-01-01 and one
 *   the day before, lines approved at 0, a project with exactly 10 % of its
 *   lines overpriced, a tie of names and a tie for the last common item;
 * - around them: a receipt shared by two projects in exactly two rows, a
 *   provider in exactly two projects and one in one project under two
 *   segments, a project whose lines tie between two segments, proponents with
 *   one and two other projects, money proven beyond raised, a link proving
 *   money on a line approved at 0 and one proving 0 on it.
 *
 * Each case is listed in `world.boundaries` (and so in data-samples/README.md);
 * the ones that are anomalies are also recorded as planted, and checkPlants
 * re-checks them with the generator's own reading of the rules.
 */
import { dayOf, formatDateTime } from "./csv.js";
import { IdSequence, recomputeTotals } from "./lines.js";
import type { CatalogueItem, Line, Link, Project, Provider, RaisedRow, Segment } from "./model.js";
import type { Planter } from "./planter.js";
import type { ProviderPool } from "./receipts.js";
import { ADMIN_PRODUCT, type TaxIds } from "./world.js";

const CUT_2013 = dayOf(2013, 1, 1);

/** What the boundary plant needs from the rest of the generator. */
export interface BoundaryContext {
  readonly providers: ProviderPool;
  readonly taxIds: TaxIds;
}

/** Ids above every id already used, so the crafted rows never collide. */
class FreshIds {
  readonly lines: IdSequence;
  readonly receipts: IdSequence;
  readonly raised: IdSequence;
  private item: number;
  constructor(planter: Planter) {
    const { world, rng } = planter;
    let line = 0;
    let receipt = 0;
    let raised = 0;
    let item = 0;
    for (const p of world.projects) {
      for (const l of p.lines) (line = Math.max(line, l.id)), (item = Math.max(item, l.item.id));
      for (const l of p.links) receipt = Math.max(receipt, l.receiptId);
      for (const r of p.raised) raised = Math.max(raised, r.id);
    }
    for (const s of world.segments) for (const si of [...s.core, ...s.others]) item = Math.max(item, si.item.id);
    this.lines = new IdSequence(rng, line);
    this.receipts = new IdSequence(rng, receipt);
    this.raised = new IdSequence(rng, raised);
    this.item = item;
  }
  /** A catalogue item seen nowhere else, so its lines are only the ones crafted here. */
  newItem(name: string, stage: number): CatalogueItem {
    this.item += 1;
    return { id: this.item, name, unit: "Unidade", price: 1, stage, admin: false };
  }
}

/** Empties a project and moves it to `segment`, dated `day` at `second`. */
function recraft(p: Project, segment: Segment, day: number, second: number): void {
  p.segment = segment;
  p.lines = [];
  p.links = [];
  p.raised = [];
  p.hasBudget = true;
  p.hasReceipts = false;
  p.hasRaised = false;
  p.floatProductIds = false;
  p.dataProjeto = formatDateTime(day, second);
  p.dataProjetoDay = day;
  p.protocolDay = day;
  p.dates.protocolo = p.dataProjeto;
}

/** Appends `count` lines of one item at one unit price (quantity 1), all in the project's city, product and stage. */
function addLines(ids: FreshIds, p: Project, segment: Segment, item: CatalogueItem, priceMills: number, count: number, text = item.name): Line[] {
  const made: Line[] = [];
  for (let i = 0; i < count; i++) {
    const line: Line = {
      id: ids.lines.next(),
      segment,
      item,
      itemText: text,
      unit: item.unit,
      qtDias: 1,
      qtItem: 1,
      nrOcorrencia: 1,
      unitRequestedMills: priceMills,
      unitApprovedMills: priceMills,
      totalRequestedCents: 0,
      totalApprovedCents: 0,
      city: p.city,
      stage: item.stage,
      product: p.products[1] ?? ADMIN_PRODUCT,
    };
    recomputeTotals(line);
    made.push(line);
  }
  p.lines.push(...made);
  p.lineCount = p.lines.length;
  return made;
}

/** One receipt link per line, proving `cents` (default: the line's approved total), paid by `provider`. */
function addLinks(ids: FreshIds, p: Project, lines: readonly Line[], provider: Provider, payment: string, cents?: number): Link[] {
  const made = lines.map((line) => ({ line, receiptId: ids.receipts.next(), provider, providerName: provider.name, cents: cents ?? line.totalApprovedCents, payment }));
  p.links.push(...made);
  p.hasReceipts = p.links.length > 0;
  return made;
}

/** One raised-funds row of `cents`, the other fields copied from `template`. */
function addRaised(ids: FreshIds, p: Project, template: RaisedRow, cents: number): void {
  p.raised.push({ ...template, id: ids.raised.next(), cents });
  p.hasRaised = true;
}

/**
 * Plants every boundary case (see the module comment). Needs at least three
 * tiny segments (the 400-project and national profiles have them); does
 * nothing otherwise.
 */
export function plantBoundaries(planter: Planter, ctx: BoundaryContext, tinySegments: number): void {
  const { world } = planter;
  const members = (seg: Segment) => world.projects.filter((p) => p.segment === seg);
  const tiny = world.segments.slice(world.segments.length - tinySegments);
  // Only tiny segments whose projects no other plant touched: the boundary values must be the only ones there.
  const free = tiny.filter((seg) => members(seg).every((p) => !planter.used.has(p)));
  if (tinySegments < 3 || free.length < 2) return;
  const t1 = free[0] as Segment;
  const t2 = free[free.length - 1] as Segment;
  const regular = world.segments.slice(0, world.segments.length - tinySegments);
  const s = [...regular].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))[0] as Segment;
  const template = world.projects.find((p) => p.raised.length > 0)?.raised[0];
  const empty = planter.candidates((p) => p.lines.length === 0 && p.links.length === 0 && p.raised.length === 0);
  const t1Members = members(t1);
  const t2Members = members(t2);
  const need = Math.max(0, 4 - t1Members.length) + Math.max(0, 5 - t2Members.length) + 1 + 3;
  if (template === undefined || t1Members.length > 4 || t2Members.length > 5 || empty.length < need) return;
  const ids = new FreshIds(planter);
  const take = () => {
    const p = empty.shift() as Project;
    planter.used.add(p);
    return p;
  };
  const note = (projects: readonly Project[], rule: string, what: string) =>
    world.boundaries.push({ pronacs: projects.map((p) => p.pronac), rule, case: what });
  const stage = regular[0]?.core[0]?.item.stage ?? 1;
  const since2013 = dayOf(2016, 3, 1);

  // T1: three small projects and one large one at exactly mean + 1.5·sample std.
  const small = [...t1Members, ...Array.from({ length: 4 - t1Members.length }, take)];
  const large = small.pop() as Project;
  const itemM = ids.newItem("Kit de montagem de palco", stage);
  const shared = ctx.providers.fresh();
  for (const p of [...small, large]) {
    planter.used.add(p);
    recraft(p, t1, since2013, 36_000);
    const lines = addLines(ids, p, t1, itemM, 50_000, p === large ? 6 : 2);
    const provider = p === small[0] || p === small[1] ? shared : ctx.providers.fresh();
    addLinks(ids, p, lines, provider, "1");
    addRaised(ids, p, template, p === large ? 10_000 : 6_000);
  }
  // The first two small projects' first receipts become one receipt in two rows, one in each project, paid in cash.
  const [a, b] = small as [Project, Project, Project];
  const [la, lb] = [a.links[0] as Link, b.links[0] as Link];
  la.payment = "3";
  lb.receiptId = la.receiptId;
  lb.payment = "3";
  note([...small, large], "itens_orcamentarios, valor_aprovado, valor_comprovado, valor_captado (sample std)", `${large.pronac}'s value (6 lines, R$ 300.00 approved and proven, R$ 100.00 raised) equals mean + 1.5·std of its segment: not an outlier`);
  note([large], "comprovante_pagamento (population std)", "6 receipts against 2, 2, 2: above mean + 1.5·population std (5.60) though equal to the sample-std threshold (6)");
  note([...small, large], "itens_comuns_e_incomuns_por_segmento", "every project has ratio 1, so std 0 and each value equals minimo_esperado: not an outlier");
  note([large], "preco_itens", "six lines at the same price: each equals its reference mean + 1.5·0: not overpriced");
  note([a, b], "comprovante_saque", "one receipt in exactly two rows, one in each of two projects: shared (counted over the whole table)");
  note([a, b], "novos_fornecedores", "a provider in exactly two projects: not new; the other two projects' providers are new");
  note([...small, large], "valor_a_ser_comprovado", "money proven beyond raised: valor negative, an outlier");
  for (const p of [...small, large]) planter.record("valor_a_ser_comprovado", p);
  planter.record("comprovante_saque", a);
  planter.record("comprovante_saque", b);

  // Proponents with exactly two and one other projects (projects with no rows: c = 0).
  a.proponent = ctx.taxIds.any(0.6, 0);
  for (const p of [take(), take()]) p.proponent = a.proponent;
  b.proponent = ctx.taxIds.any(0.6, 0);
  take().proponent = b.proponent;
  note([a], "projetos_mesmo_proponente", "a proponent with exactly two other projects (the least that is judged): an outlier");
  note([b], "projetos_mesmo_proponente", "a proponent with exactly one other project: never judged, not an outlier");
  planter.record("projetos_mesmo_proponente", a);

  // T2: reference prices of a new item I: nine lines at R$ 1.00 (A), four at R$ 14.00 (B): 14 = 5 + 1.5·6.
  const [pa, pb, pc, pd, pz] = [...t2Members, ...Array.from({ length: 5 - t2Members.length }, take)] as [Project, Project, Project, Project, Project];
  const itemI = ids.newItem("Cachê de artista convidado", stage);
  const itemJ = ids.newItem("Locação de gerador", stage);
  const itemK = ids.newItem("Seguro de equipamentos", stage);
  for (const p of [pa, pb, pc, pd, pz]) planter.used.add(p);
  recraft(pa, t2, since2013, 36_000);
  recraft(pb, t2, CUT_2013, 0);
  recraft(pc, t2, since2013, 36_000);
  recraft(pd, t2, CUT_2013 - 1, 86_399);
  recraft(pz, t2, since2013, 36_000);
  // Names of item I tie: as many lines spelled one way as the other (8 and 8), the smallest string wins.
  const upper = itemI.name.toUpperCase();
  addLines(ids, pa, t2, itemI, 1_000, 6);
  addLines(ids, pa, t2, itemI, 1_000, 3, upper);
  addLines(ids, pb, t2, itemI, 14_000, 4, upper);
  addLines(ids, pd, t2, itemI, 500, 1);
  addLines(ids, pd, t2, itemK, 2_000, 1);
  // C: ten lines of J, one of them far above the others: exactly 10 % of its lines overpriced.
  addLines(ids, pc, t2, itemJ, 1_000, 9);
  addLines(ids, pc, t2, itemJ, 100_000, 1);
  // Z: two lines of I approved at 0 (no reference price), one proven R$ 10.00, one proven 0.
  const zeroLines = [...addLines(ids, pz, t2, itemI, 0, 1), ...addLines(ids, pz, t2, itemI, 0, 1, upper)];
  const provider = ctx.providers.fresh();
  addLinks(ids, pz, zeroLines.slice(0, 1), provider, "2", 1_000);
  addLinks(ids, pz, zeroLines.slice(1), { ...provider, name: provider.name.toUpperCase() }, "2", 0);
  note([pb], "preco_itens", "four lines at R$ 14.00 equal to mean + 1.5·population std of their reference prices (9 × 1.00, 4 × 14.00): not overpriced");
  note([pb], "preco_itens", "dated exactly 2013-01-01 00:00:00: its lines are reference prices (without them, they would be overpriced against the R$ 1.00 ones)");
  note([pd], "preco_itens", `dated 2012-12-31 23:59:59, the day before the limit: its line at R$ 0.50 is no reference price (with it, ${pb.pronac}'s lines would be overpriced)`);
  note([pz], "preco_itens", `lines approved at 0 are no reference prices (with them, ${pb.pronac}'s lines would be overpriced)`);
  note([pc], "preco_itens", "exactly 10 % of its lines overpriced (1 of 10): percentage 0.1, not an outlier");
  note([pa, pb, pz], "names (spec §3)", "item I is spelled two ways on as many rows (8 and 8 budget lines, 1 and 1 receipt rows): its name is the smallest string");
  note([pz], "names (spec §3)", "one provider written two ways in one project: its name is the smallest");
  note([pc, pd], "itens_comuns_e_incomuns_por_segmento", "the segment's second common item is a tie (one all_items row each): the smaller id wins");
  note([pz], "comprovantes_acima_50", "a line approved at 0 proven R$ 10.00 (above 150 % of 0, porcentagem = valor proven) and one proven 0 (0 is not above 0)");
  note([pz], "comprovante_pagamento, valor_comprovado, novos_fornecedores", "the only project of its segment with receipts: its value equals the mean (population std 0, sample std undefined)");
  planter.record("comprovantes_acima_50", pz);

  // W: two lines, one in T2 and one in the regular segment S: a tie, broken by S's smaller code.
  // The tie project must fall on the regular side, so that T2's receipts stay one project's.
  if (!(s.code < t2.code)) return;
  const w = take();
  recraft(w, s, since2013, 36_000);
  const itemL = ids.newItem("Transporte de cenografia", stage);
  const wLines = [...addLines(ids, w, s, itemL, 30_000, 1), ...addLines(ids, w, t2, itemL, 30_000, 1)];
  addLinks(ids, w, wLines, ctx.providers.fresh(), "1");
  note([w], "segment (spec §3)", `lines in two segments, one each: its segment is the one whose code sorts first ("${s.code}", not "${t2.code}")`);
  note([w], "novos_fornecedores", "a provider of one project under two segments: two (PRONAC, idSegmento) pairs, so not new");
}
