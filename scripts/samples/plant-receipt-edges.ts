/**
 * Edges of the receipt metrics (issue #12 point 4), on untouched projects.
 *
 * A receipt shared by two neighbouring projects. The
 * shared-receipt metrics list each project's receipts from rows sorted by
 * PRONAC, then receipt id: a receipt that is the last of one project and the
 * first of the next comes in two consecutive rows with the same id, and only
 * the change of PRONAC tells that they belong to two projects. For cheque and
 * transfer (cash already has one, plant-boundaries.ts), two untouched
 * projects next to each other in PRONAC order get one new receipt id, above
 * every other, on one row each.
 *
 * Receipts without a provider (nrCNPJCPF and nmFornecedor empty, as bank fees
 * are filed): one project has only such rows, so it has no provider at all
 * and stays out of novos_fornecedores' averages (spec §4.9: "projects with at
 * least one provider"); another has one such row beside its providers'.
 *
 * A budget line whose receipt rows disagree on its Item text: a new
 * provider's row keeps the line's text, two rows of providers seen elsewhere
 * carry a variant. The line's name in lista_de_novos_fornecedores is its most
 * frequent Item over the whole table (spec §3, names), the variant, not the
 * text of the new provider's own rows.
 *
 * A new provider's receipt row with idPlanilhaAprovacao empty: it names no
 * budget line, so the provider's itens (keyed by idPlanilhaAprovacao) leave
 * it out.
 */
import { byCodeUnit } from "../../src/util/order.js";
import type { Link, Project, Provider } from "./model.js";
import type { Planter } from "./planter.js";
import { isNewProvider, providerPairs } from "./rules.js";

/** Plants the shared receipt across neighbours (see the module comment). */
export function plantNeighbourReceipts(planter: Planter): void {
  const { world } = planter;
  const sorted = [...world.projects].sort((a, b) => byCodeUnit(a.pronac, b.pronac));
  let receipt = Math.max(0, ...world.projects.flatMap((p) => p.links.map((l) => l.receiptId)));
  for (const [payment, metric] of [["1", "comprovante_cheque"], ["2", "comprovante_transferencia"]] as const) {
    const free = (p: Project | undefined): p is Project => p !== undefined && p.listed && !planter.used.has(p) && p.links.length > 0;
    const i = sorted.findIndex((p, k) => free(p) && free(sorted[k + 1]));
    if (i < 0) continue;
    const pair = [sorted[i], sorted[i + 1]] as [Project, Project];
    receipt += 1;
    for (const p of pair) {
      const link = p.links[0] as Project["links"][number];
      link.receiptId = receipt;
      link.payment = payment;
      planter.record(metric, p);
    }
    world.boundaries.push({
      pronacs: pair.map((p) => p.pronac),
      rule: metric,
      case: `one receipt in two rows, the last receipt of ${pair[0].pronac} and the first of the next project, ${pair[1].pronac}: listed once in each`,
    });
  }
}

/** The provider of a receipt row that names none: both fields empty (null). */
export const NO_PROVIDER: Provider = { taxId: "", name: "" };

/** Plants the receipts without a provider (see the module comment). */
export function plantReceiptsWithoutProvider(planter: Planter): void {
  const none = planter.candidates((p) => p.links.length >= 2)[0];
  const one = planter.candidates((p) => p !== none && new Set(p.links.map((l) => l.provider.taxId)).size >= 2)[0];
  if (none === undefined || one === undefined) return;
  for (const l of none.links) (l.provider = NO_PROVIDER), (l.providerName = "");
  const last = one.links.at(-1) as Project["links"][number];
  (last.provider = NO_PROVIDER), (last.providerName = "");
  planter.used.add(none);
  planter.used.add(one);
  planter.world.boundaries.push(
    { pronacs: [none.pronac], rule: "novos_fornecedores", case: "receipts, none naming a provider (nrCNPJCPF empty): no provider, valor 0, new_providers_percentage null, left out of the averages" },
    { pronacs: [one.pronac], rule: "novos_fornecedores", case: "one receipt row without a provider beside named ones: that row counts as no provider" },
  );
}

/** Plants the line whose receipt rows disagree on its Item text (see the module comment). */
export function plantLineTextVariants(planter: Planter): void {
  const isNew = newProviderRows(planter);
  /** A line of the project with one new provider's row and two rows of providers seen elsewhere. */
  const mixedLine = (p: Project) => {
    for (const line of new Set(p.links.map((l) => l.line))) {
      const rows = p.links.filter((l) => l.line === line);
      const fresh = rows.filter(isNew);
      const seen = rows.filter((l) => l.provider.taxId !== "" && !isNew(l));
      if (fresh.length === 1 && seen.length >= 2) return { line, seen: seen.slice(0, 2) };
    }
    return undefined;
  };
  const p = planter.firstKeepingPlants(
    planter.candidates((q) => mixedLine(q) !== undefined),
    (q) => {
      const { line, seen } = mixedLine(q) as NonNullable<ReturnType<typeof mixedLine>>;
      for (const l of seen) l.itemText = `${line.itemText} (variante)`;
      return () => seen.forEach((l) => delete l.itemText);
    },
  );
  if (p === undefined) return;
  const { line } = mixedLine(p) as NonNullable<ReturnType<typeof mixedLine>>;
  planter.world.boundaries.push({
    pronacs: [p.pronac],
    rule: "novos_fornecedores (names, spec §3)",
    case: `line ${line.id}: its new provider's row reads "${line.itemText}", two other providers' rows "${line.itemText} (variante)": the line's name is the variant`,
  });
}

/** Plants a new provider's receipt row that names no budget line (see the module comment). */
export function plantRowWithoutLineId(planter: Planter): void {
  const isNew = newProviderRows(planter);
  /** A row of a new provider who has rows on at least two lines of the project. */
  const rowOfNewProvider = (p: Project) =>
    p.links.find((l) => isNew(l) && new Set(p.links.filter((k) => k.provider.taxId === l.provider.taxId).map((k) => k.line)).size >= 2);
  const p = planter.firstKeepingPlants(
    planter.candidates((q) => rowOfNewProvider(q) !== undefined),
    (q) => {
      const row = rowOfNewProvider(q) as Link;
      row.noLineId = true;
      return () => void delete row.noLineId;
    },
  );
  if (p === undefined) return;
  planter.world.boundaries.push({
    pronacs: [p.pronac],
    rule: "novos_fornecedores",
    case: "a new provider's receipt row with idPlanilhaAprovacao empty: it names no budget line, so the provider's itens list its other lines only",
  });
}

/** Whether a receipt row is a new provider's, as the world stands. */
function newProviderRows(planter: Planter): (l: Link) => boolean {
  const pairs = providerPairs(planter.world.projects);
  return (l) => isNewProvider(pairs, l.provider.taxId);
}
