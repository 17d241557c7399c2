/**
 * Shared machinery of the plants: the plant's own random stream, which
 * projects are already taken, candidate selection with per-segment quotas,
 * and the search for a value the Gaussian rule flags.
 */
import type { Link, MetricId, Project, Segment, World } from "./model.js";
import type { Rng } from "./prng.js";
import { missedPlant, type StdKind, upperThreshold } from "./rules.js";
import { shuffled } from "./world.js";

/** The links of a project that are the only link of their budget line, in link order. */
export function soleLinks(p: Project): Link[] {
  return p.links.filter((k) => p.links.filter((j) => j.line === k.line).length === 1);
}

/** State of the planting pass over one world. */
export class Planter {
  /** Projects already planted (or deliberately touched): each plant picks untouched ones. */
  readonly used = new Set<Project>();
  constructor(
    readonly world: World,
    readonly rng: Rng,
    /** Multiplies the base number of plants per metric. */
    readonly scale: number,
  ) {}

  /** How many projects to plant for a base count (the count at 400 projects). */
  count(base: number): number {
    return Math.max(1, Math.round(base * this.scale));
  }

  /** Records a project as planted on a metric (and as used). */
  record(metric: MetricId, p: Project): void {
    let set = this.world.planted.get(metric);
    if (!set) this.world.planted.set(metric, (set = new Set()));
    set.add(p);
    this.used.add(p);
  }

  /** Listed, untouched projects passing `filter`, in a seeded random order. */
  candidates(filter: (p: Project) => boolean): Project[] {
    return shuffled(
      this.rng,
      this.world.projects.filter((p) => p.listed && !this.used.has(p) && filter(p)),
    );
  }

  /**
   * Applies `change` to the first candidate on which every earlier plant still
   * holds, undoing it on the others; `change` returns its undo, or undefined
   * when it does not apply to the project. Returns the project changed (now used).
   */
  firstKeepingPlants(candidates: readonly Project[], change: (p: Project) => (() => void) | undefined): Project | undefined {
    for (const p of candidates) {
      const undo = change(p);
      if (undo === undefined) continue;
      if (missedPlant(this.world) === undefined) {
        this.used.add(p);
        return p;
      }
      undo();
    }
    return undefined;
  }

  /** Every project (listed or not) of each segment that passes `inTable`. */
  segmentMembers(inTable: (p: Project) => boolean): Map<Segment, Project[]> {
    const out = new Map<Segment, Project[]>();
    for (const p of this.world.projects) {
      if (!inTable(p)) continue;
      const list = out.get(p.segment);
      if (list) list.push(p);
      else out.set(p.segment, [p]);
    }
    return out;
  }

  /**
   * Picks up to `wanted` candidates, at most one per `perProjects` members of a
   * segment and only in segments with at least `minMembers` members, so that
   * the planted projects stay a minority the Gaussian rule can single out.
   */
  pickPerSegment(
    candidates: readonly Project[],
    members: ReadonlyMap<Segment, readonly Project[]>,
    wanted: number,
    minMembers: number,
    perProjects: number,
  ): Map<Segment, Project[]> {
    const out = new Map<Segment, Project[]>();
    let n = 0;
    for (const p of candidates) {
      if (n >= wanted) break;
      const size = members.get(p.segment)?.length ?? 0;
      if (size < minMembers) continue;
      const chosen = out.get(p.segment) ?? [];
      if (chosen.length >= Math.max(1, Math.floor(size / perProjects))) continue;
      chosen.push(p);
      out.set(p.segment, chosen);
      n++;
    }
    return out;
  }
}

/**
 * Integer targets for `planted` projects among `others` so that every target
 * exceeds mean + 1.5·std of all values together: targets T, 1.1·T, 1.2·T…
 * with T grown from just above the others' maximum. undefined if no T up to
 * `limit` works.
 */
export function gaussianTargets(others: readonly number[], planted: number, kind: StdKind, limit = 1e12): number[] | undefined {
  let t = Math.max(1, ...others) + 1;
  while (t < limit) {
    const targets = Array.from({ length: planted }, (_, j) => Math.ceil(t * (1 + 0.1 * j)));
    const threshold = upperThreshold([...others, ...targets], kind);
    if (threshold !== null && (targets[0] as number) > threshold * 1.05) return targets;
    t = Math.ceil(t * 1.2);
  }
  return undefined;
}

/**
 * Grows a factor from `start` (×1.3 a step) until `flagged()` holds after
 * `apply(factor)`; on failure calls `apply(undefined)` (restore) and returns false.
 */
export function growUntil(start: number, apply: (factor: number | undefined) => void, flagged: () => boolean, steps = 40): boolean {
  let f = start;
  for (let i = 0; i < steps; i++) {
    apply(f);
    if (flagged()) return true;
    f *= 1.3;
  }
  apply(undefined);
  return false;
}
