/**
 * Empty fields, as real exports have them (issue #12 point 4). Each plant
 * below gives an empty (null) key a value that would change a reported result
 * if a notebook or module counted the row anyway, so that such a reading is
 * refused by the gate:
 *
 * - rows without a PRONAC: a copy of one project's rows in every table
 *   (planilha_projetos too, with its proponent), its money ×20, with fresh
 *   ids and the PRONAC empty, plus lines of an uncommon item that would be
 *   its segment's most common if counted. They belong to no project
 *   (spec §3: segment statistics count "every PRONAC with rows"), so they count
 *   in no segment statistics, reference price, common item, provider use or
 *   average;
 * - two listed projects without a proponent (CgcCpf empty): neither has other
 *   projects (valor 0, projetos_submetidos []), although both "share" null;
 * - three receipt rows of one project without a receipt id
 *   (idComprovantePagamento empty), one per payment type: no receipt, so
 *   comprovante_pagamento does not count them and no shared-receipt metric
 *   lists them, although together they are three rows of "one" id;
 * - a project whose budget lines name no catalogue item (idPlanilhaItens
 *   empty): its all_items rows count, none is a common item (valor 0 / rows),
 *   although "no item" has more rows than one of its segment's common items;
 * - the only project of a segment, its lines naming no item: the segment has
 *   no common items (valor 0);
 * - a project with a single budget line, of an item its segment does not
 *   have in common (valor 0 / 1 = 0).
 *
 * Planted last, on projects no other plant touched; checkPlants re-checks
 * every plant afterwards, with rules.ts reading the empty fields the same way.
 */
import { type CatalogueItem, type Line, NO_ITEM, NO_RECEIPT, type Project, type World } from "./model.js";
import type { Planter } from "./planter.js";
import { commonItems, commonItemsOf, itemRowCounts } from "./rules.js";

/** How much the copy without a PRONAC multiplies its money by, so that counting it moves its segment's statistics. */
const KEYLESS_FACTOR = 20;

/** Plants every case of the module comment. */
export function plantEmptyFields(planter: Planter): void {
  plantRowsWithoutPronac(planter);
  plantProjectsWithoutProponent(planter);
  plantReceiptsWithoutId(planter);
  plantLinesWithoutItem(planter);
  plantSegmentWithoutCommonItems(planter);
  plantSingleUncommonLine(planter);
}

function plantRowsWithoutPronac(planter: Planter): void {
  const { world } = planter;
  const source = planter.candidates((p) => p.lines.length >= 3 && p.links.length >= 3 && p.raised.length >= 1)[0];
  if (source === undefined) return;
  planter.used.add(source);
  let lineId = Math.max(...world.projects.flatMap((p) => p.lines.map((l) => l.id)));
  let receiptId = Math.max(...world.projects.flatMap((p) => p.links.map((l) => l.receiptId)));
  let raisedId = Math.max(...world.projects.flatMap((p) => p.raised.map((r) => r.id)));
  const idPronac = Math.max(...world.projects.map((p) => p.idPronac)) + 1;
  const lines = new Map(
    source.lines.map((l) => [
      l,
      {
        ...l,
        id: ++lineId,
        unitApprovedMills: l.unitApprovedMills * KEYLESS_FACTOR,
        totalApprovedCents: l.totalApprovedCents * KEYLESS_FACTOR,
      },
    ]),
  );
  const copy: Project = {
    ...source,
    pronac: "",
    idPronac,
    listed: true,
    lines: [...lines.values(), ...wouldBeCommonLines(world, source, () => ++lineId)],
    links: source.links.map((l) => ({ ...l, line: lines.get(l.line) ?? l.line, receiptId: ++receiptId, cents: l.cents * KEYLESS_FACTOR })),
    raised: source.raised.map((r) => ({ ...r, id: ++raisedId, cents: r.cents * KEYLESS_FACTOR })),
  };
  world.keyless.push(copy);
  world.boundaries.push({
    pronacs: [source.pronac],
    rule: "every metric",
    case:
      `a copy of ${source.pronac}'s rows in every table (planilha_projetos included, same proponent), money ×${KEYLESS_FACTOR}, ` +
      `plus ${copy.lines.length - source.lines.length} lines of an item its segment does not have in common (more all_items rows ` +
      "than its most common item): with PRONAC empty, rows of no project, counted nowhere (no other project of the proponent, no common item)",
  });
}

/**
 * Budget lines of an item `p`'s segment does not have in common, in more
 * distinct all_items rows (city × stage) than the segment's most common item
 * has: counted, they would make it the segment's first common item.
 */
function wouldBeCommonLines(world: World, p: Project, nextId: () => number): Line[] {
  const template = p.lines[0];
  const all = itemRowCounts(world.projects);
  const counts = all.get(p.segment.code);
  const common = commonItemsOf(all).get(p.segment.code);
  const item = [...p.segment.core, ...p.segment.others].find((si) => !common?.has(si.item.id))?.item;
  if (template === undefined || counts === undefined || item === undefined) return [];
  const wanted = Math.max(...counts.values()) + 1;
  const cities = [...new Map(world.projects.flatMap((q) => q.lines.map((l) => [l.city.code, l.city] as const))).values()];
  const stages = [...new Set(world.projects.flatMap((q) => q.lines.map((l) => l.stage)))];
  const out: Line[] = [];
  for (const city of cities)
    for (const stage of stages) {
      if (out.length === wanted) return out;
      out.push({ ...template, id: nextId(), item, itemText: item.name, unit: item.unit, city, stage });
    }
  return out;
}

function plantProjectsWithoutProponent(planter: Planter): void {
  const pair: Project[] = [];
  for (let i = 0; i < 2; i++) {
    const p = planter.firstKeepingPlants(planter.candidates(() => true), (q) => {
      const proponent = q.proponent;
      q.proponent = "";
      return () => void (q.proponent = proponent);
    });
    if (p !== undefined) pair.push(p);
  }
  if (pair.length < 2) throw new Error("internal error: no two projects can lose their proponent without undoing a plant");
  planter.world.boundaries.push({
    pronacs: pair.map((p) => p.pronac),
    rule: "projetos_mesmo_proponente",
    case: "two projects with CgcCpf empty: no proponent, so no other projects (valor 0, projetos_submetidos [])",
  });
}

function plantReceiptsWithoutId(planter: Planter): void {
  const p = planter.firstKeepingPlants(planter.candidates((q) => q.links.length >= 5), (q) => {
    const before = q.links.slice(0, 3).map((l) => ({ l, receiptId: l.receiptId, payment: l.payment }));
    before.forEach(({ l }, i) => {
      l.receiptId = NO_RECEIPT;
      l.payment = String(i + 1);
    });
    return () => before.forEach(({ l, receiptId, payment }) => Object.assign(l, { receiptId, payment }));
  });
  if (p === undefined) return;
  planter.world.boundaries.push({
    pronacs: [p.pronac],
    rule: "comprovante_pagamento, comprovante_cheque, comprovante_transferencia, comprovante_saque",
    case: "three receipt rows with idComprovantePagamento empty (cheque, transfer, cash): no receipt, neither counted nor shared",
  });
}

function plantLinesWithoutItem(planter: Planter): void {
  const { world } = planter;
  const p = planter.firstKeepingPlants(planter.candidates((q) => q.lines.length >= 2 && q.links.length === 0), (q) => {
    const undo = withoutItems(q);
    if (noItemWouldBeCommon(world, q.segment.code)) return undo;
    undo();
    return undefined;
  });
  if (p === undefined) return;
  planter.world.boundaries.push({
    pronacs: [p.pronac],
    rule: "itens_comuns_e_incomuns_por_segmento",
    case:
      `${p.lines.length} budget lines with idPlanilhaItens empty: all_items rows with no item, none common (valor 0), ` +
      "although counted as an item, \"no item\" would have more rows than one of the segment's common items",
  });
}

/** Empties the item of every line of `p`, returning the undo. */
function withoutItems(p: Project): () => void {
  const items = p.lines.map((l) => l.item);
  for (const l of p.lines) l.item = NO_ITEM;
  return () => p.lines.forEach((l, i) => void (l.item = items[i] as CatalogueItem));
}

/** Whether the segment's lines without an item have more all_items rows than its last common item. */
function noItemWouldBeCommon(world: World, code: string): boolean {
  const all = itemRowCounts(world.projects);
  const counts = all.get(code);
  const common = commonItemsOf(all).get(code);
  if (counts === undefined || common === undefined) return false;
  return (counts.get(NO_ITEM.id) ?? 0) > Math.min(...[...common].map((id) => counts.get(id) ?? 0));
}

/** The only project with lines in its segment loses every item: the segment has no common items (spec §4.12: valor 0). */
function plantSegmentWithoutCommonItems(planter: Planter): void {
  const { world } = planter;
  const alone = (q: Project) =>
    q.lines.length > 0 &&
    q.lines.every((l) => l.segment === q.segment) &&
    world.projects.every((o) => o === q || o.lines.every((l) => l.segment !== q.segment));
  const p = planter.firstKeepingPlants(planter.candidates(alone), withoutItems);
  if (p === undefined) return;
  world.boundaries.push({
    pronacs: [p.pronac],
    rule: "itens_comuns_e_incomuns_por_segmento",
    case: `the only project with budget lines in segment "${p.segment.code}", none naming an item: the segment has no common items, valor 0`,
  });
}

function plantSingleUncommonLine(planter: Planter): void {
  const { world } = planter;
  const p = planter.firstKeepingPlants(planter.candidates((q) => q.lines.length >= 2 && q.links.length === 0), (q) => {
    const lines = q.lines;
    const uncommon = lines.find((line) => {
      q.lines = [line];
      return commonItems(world.projects).get(line.segment.code)?.has(line.item.id) === false;
    });
    if (uncommon === undefined) {
      q.lines = lines;
      return undefined;
    }
    return () => void (q.lines = lines);
  });
  if (p === undefined) return;
  world.boundaries.push({
    pronacs: [p.pronac],
    rule: "itens_comuns_e_incomuns_por_segmento",
    case: "a single budget line (one all_items row), of an item not common in its segment: valor 0/1 = 0",
  });
}
