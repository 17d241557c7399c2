/** Plant on proponents: one complex project among a proponent's simple ones. */
import type { Planter } from "./planter.js";
import type { TaxIds } from "./world.js";

/**
 * projetos_mesmo_proponente: a project already planted on a weight-5 metric
 * gets a new proponent who also has three projects with no rows in any other
 * table (score 0), so its score stands out among its proponent's projects.
 */
export function plantSameProponent(planter: Planter, taxIds: TaxIds, base: number): void {
  const heavy = [
    ...(planter.world.planted.get("comprovante_transferencia") ?? []),
    ...(planter.world.planted.get("comprovante_saque") ?? []),
  ].sort((a, b) => a.index - b.index);
  const empty = planter.candidates((p) => p.lines.length === 0 && p.links.length === 0 && p.raised.length === 0);
  const wanted = planter.count(base);
  let k = 0;
  for (const self of heavy.slice(0, wanted)) {
    const others = empty.slice(k, k + 3);
    if (others.length < 3) break;
    k += 3;
    const proponent = taxIds.any(0.6, 0);
    self.proponent = proponent;
    for (const p of others) {
      p.proponent = proponent;
      planter.used.add(p);
    }
    planter.record("projetos_mesmo_proponente", self);
  }
}
