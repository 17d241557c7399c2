/** Plants on proponents: one complex project among a proponent's simple ones; c at its threshold. */
import type { Project } from "./model.js";
import type { Planter } from "./planter.js";
import { flaggedBy, missedPlant, PROPONENT_WEIGHTS } from "./rules.js";
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

/**
 * projetos_mesmo_proponente at its threshold (issue #12 point 4): fresh
 * proponents for untouched projects whose weight sums w (from the rules'
 * flags; c = w/2) put one project's c exactly at mean + 1.5·std of its
 * proponent's other projects (not an outlier), and, in another group, just
 * above it, by less than the step to √10/2 std (an outlier). The test is
 * `4L² > 9D` with `L = m·k − Σ`, `D = m·Σ² − Σ²` over the others (see the
 * module): equality is 4L² = 9D, "just above" 9D < 4L² ≤ 10D.
 */
export function plantProponentThresholds(planter: Planter, taxIds: TaxIds): void {
  const equal = plantGroup(planter, taxIds, (L, D) => L > 0 && 4 * L * L === 9 * D);
  const above = plantGroup(planter, taxIds, (L, D) => L > 0 && 9 * D < 4 * L * L && 4 * L * L <= 10 * D);
  if (equal !== undefined)
    planter.world.boundaries.push({
      pronacs: [equal.self.pronac],
      rule: "projetos_mesmo_proponente",
      case: `c = ${equal.c[0]} equals mean + 1.5·std of its proponent's other projects (c = ${equal.c.slice(1).join(", ")}): not an outlier`,
    });
  if (above !== undefined) {
    // Not in the ground truth, whose anomalies are designed ones: this flag only follows from the other metrics' flags.
    if (!flaggedBy(planter.world.projects).get("projetos_mesmo_proponente")?.has(above.self))
      throw new Error(`internal error: ${above.self.pronac} planted just above its proponent threshold but the rule does not flag it`);
    planter.world.boundaries.push({
      pronacs: [above.self.pronac],
      rule: "projetos_mesmo_proponente",
      case: `c = ${above.c[0]} is above mean + 1.5·std of its proponent's other projects (c = ${above.c.slice(1).join(", ")}) by less than 0.09 std: an outlier`,
    });
  }
}

/** Up to this many other projects in a threshold group: small groups keep the search short. */
const MAX_OTHERS = 4;

/**
 * Gives a fresh proponent to the first untouched projects (self first) whose
 * weight sums pass `test(L, D)` (in units of w) and keep every plant; returns
 * them with their c values, self's first.
 */
function plantGroup(planter: Planter, taxIds: TaxIds, test: (L: number, D: number) => boolean): { self: Project; c: number[] } | undefined {
  const flags = flaggedBy(planter.world.projects);
  const weightSum = (p: Project) => [...PROPONENT_WEIGHTS].reduce((s, [id, w]) => s + (flags.get(id)?.has(p) ? w : 0), 0);
  const byWeight = new Map<number, Project[]>();
  for (const p of planter.candidates(() => true)) {
    const w = weightSum(p);
    byWeight.set(w, [...(byWeight.get(w) ?? []), p]);
  }
  const weights = [...byWeight.keys()].sort((a, b) => a - b);
  for (const combo of multisets(weights, MAX_OTHERS)) {
    const m = combo.length;
    const sum = combo.reduce((a, b) => a + b, 0);
    const squares = combo.reduce((a, b) => a + b * b, 0);
    const D = m * squares - sum * sum;
    for (const k of weights) {
      if (!test(m * k - sum, D)) continue;
      const taken = new Map<number, number>();
      const pick = (w: number) => {
        const i = taken.get(w) ?? 0;
        taken.set(w, i + 1);
        return byWeight.get(w)?.[i];
      };
      const group = [pick(k), ...combo.map(pick)];
      if (group.some((p) => p === undefined)) continue;
      const members = group as Project[];
      const before = members.map((p) => p.proponent);
      const proponent = taxIds.any(0.6, 0);
      for (const p of members) p.proponent = proponent;
      if (missedPlant(planter.world) === undefined) {
        for (const p of members) planter.used.add(p);
        return { self: members[0] as Project, c: [k, ...combo].map((w) => w / 2) };
      }
      members.forEach((p, i) => void (p.proponent = before[i] as string));
    }
  }
  return undefined;
}

/** Every multiset of 2 to `max` values of `values` (sorted), smallest first. */
function* multisets(values: readonly number[], max: number): Generator<number[]> {
  function* from(start: number, size: number): Generator<number[]> {
    if (size === 0) return yield [];
    for (let i = start; i < values.length; i++) for (const rest of from(i, size - 1)) yield [values[i] as number, ...rest];
  }
  for (let size = 2; size <= max; size++) yield* from(0, size);
}
