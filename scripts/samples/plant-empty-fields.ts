/**
 * Empty fields, as real exports have them (issue #12 point 4). Each plant
 * below gives an empty (null) key a value that would change a reported result
 * if a notebook or module counted the row anyway, so that such a reading is
 * refused by the gate:
 *
 * - rows without a PRONAC: a copy of one project's rows in every table, its
 *   money ×20, with fresh ids and the PRONAC empty. They belong to no project
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
 *   empty): its all_items rows count, none is a common item (valor 0 / rows);
 * - a project with a single budget line, of an item its segment does not
 *   have in common (valor 0 / 1 = 0).
 *
 * Planted last, on projects no other plant touched; checkPlants re-checks
 * every plant afterwards, with rules.ts reading the empty fields the same way.
 */
import { type CatalogueItem, NO_ITEM, NO_RECEIPT, type Project } from "./model.js";
import type { Planter } from "./planter.js";
import { commonItems, missedPlant } from "./rules.js";

/** How much the copy without a PRONAC multiplies its money by, so that counting it moves its segment's statistics. */
const KEYLESS_FACTOR = 20;

/** Plants every case of the module comment. */
export function plantEmptyFields(planter: Planter): void {
  plantRowsWithoutPronac(planter);
  plantProjectsWithoutProponent(planter);
  plantReceiptsWithoutId(planter);
  plantLinesWithoutItem(planter);
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
    listed: false,
    lines: [...lines.values()],
    links: source.links.map((l) => ({ ...l, line: lines.get(l.line) ?? l.line, receiptId: ++receiptId, cents: l.cents * KEYLESS_FACTOR })),
    raised: source.raised.map((r) => ({ ...r, id: ++raisedId, cents: r.cents * KEYLESS_FACTOR })),
  };
  world.keyless.push(copy);
  world.boundaries.push({
    pronacs: [source.pronac],
    rule: "every metric",
    case: `a copy of ${source.pronac}'s rows in every table, money ×${KEYLESS_FACTOR}, with PRONAC empty: rows of no project, counted nowhere`,
  });
}

/**
 * Applies `change` to the first candidate on which every earlier plant still
 * holds, undoing it on the others; `change` returns its undo, or undefined
 * when it does not apply to the project. Returns the project changed.
 */
function firstKeepingPlants(planter: Planter, candidates: readonly Project[], change: (p: Project) => (() => void) | undefined): Project | undefined {
  for (const p of candidates) {
    const undo = change(p);
    if (undo === undefined) continue;
    if (missedPlant(planter.world) === undefined) {
      planter.used.add(p);
      return p;
    }
    undo();
  }
  return undefined;
}

function plantProjectsWithoutProponent(planter: Planter): void {
  const pair: Project[] = [];
  for (let i = 0; i < 2; i++) {
    const p = firstKeepingPlants(planter, planter.candidates(() => true), (q) => {
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
  const p = firstKeepingPlants(planter, planter.candidates((q) => q.links.length >= 5), (q) => {
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
  const p = firstKeepingPlants(planter, planter.candidates((q) => q.lines.length >= 2 && q.links.length === 0), (q) => {
    const items = q.lines.map((l) => l.item);
    for (const l of q.lines) l.item = NO_ITEM;
    return () => q.lines.forEach((l, i) => void (l.item = items[i] as CatalogueItem));
  });
  if (p === undefined) return;
  planter.world.boundaries.push({
    pronacs: [p.pronac],
    rule: "itens_comuns_e_incomuns_por_segmento",
    case: `${p.lines.length} budget lines with idPlanilhaItens empty: all_items rows with no item, none common (valor 0)`,
  });
}

function plantSingleUncommonLine(planter: Planter): void {
  const { world } = planter;
  const p = firstKeepingPlants(planter, planter.candidates((q) => q.lines.length >= 2 && q.links.length === 0), (q) => {
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
