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
 */
import { byCodeUnit } from "../../src/util/order.js";
import type { Project, Provider } from "./model.js";
import type { Planter } from "./planter.js";

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
