/** Builds a whole synthetic world from options: natural data first, then the plants, then a check. */
import { byCodeUnit } from "../../src/util/order.js";
import type { SampleOptions } from "./args.js";
import { IdSequence, makeLines } from "./lines.js";
import { METRIC_IDS, type MetricId, type Project, type World } from "./model.js";
import { plantLineCounts, plantOverpricedItems, plantSecondIdPronac, plantUnusualItems } from "./plant-lines.js";
import { matchRaisedToProven, plantLargeApprovedValue, plantLargeProvenValue, plantLargeRaisedValue } from "./plant-money.js";
import { plantBoundaries } from "./plant-boundaries.js";
import { plantLineTextVariants, plantNeighbourReceipts, plantReceiptsWithoutProvider, plantRowWithoutLineId } from "./plant-receipt-edges.js";
import { plantEmptyFields } from "./plant-empty-fields.js";
import { plantNegativeMoney } from "./plant-negative-money.js";
import { plantSubCents } from "./plant-sub-cents.js";
import { plantVeryComplex } from "./plant-complex.js";
import { plantProponentThresholds, plantSameProponent } from "./plant-proponent.js";
import { plantSegmentRows } from "./plant-segment-rows.js";
import { plantAbove150, plantManyReceipts, plantNewProviders, plantSharedReceipts, plantUnprovenMoney } from "./plant-receipts.js";
import { Planter } from "./planter.js";
import { createRng } from "./prng.js";
import { profileFor } from "./profile.js";
import { planProjects, scaleLineCounts } from "./projects.js";
import { makeRaised, SponsorPool } from "./raised.js";
import { makeLinks, ProviderPool, type ReceiptContext } from "./receipts.js";
import { missedPlant } from "./rules.js";
import { buildCatalogue, buildSegments, TaxIds } from "./world.js";

/** Builds the world of a seed and size, with its planted anomalies checked against the spec's rules. */
export function buildWorld(options: Pick<SampleOptions, "seed" | "projects" | "scale"> & Partial<Pick<SampleOptions, "profile" | "factor">>): World {
  const profile = profileFor(options);
  const root = createRng(options.seed);
  // One stream per stage, so that changing one stage does not reshuffle the others.
  const worldRng = root.fork(1);
  const planRng = root.fork(2);
  const lineRng = root.fork(3);
  const receiptRng = root.fork(4);
  const raisedRng = root.fork(5);
  const plantRng = root.fork(6);
  const taxIds = new TaxIds(root.fork(7));
  const segments = buildSegments(worldRng, buildCatalogue(worldRng), profile.segments, profile.shape);
  const projects = planProjects(planRng, profile, segments, taxIds);
  const world: World = { seed: options.seed, segments, projects, planted: new Map(), veryComplex: new Set(), boundaries: [], keyless: [] };
  const planter = new Planter(world, plantRng, profile.plantScale);

  scaleLineCounts(projects, profile.targetLines);
  plantLineCounts(planter, 4);
  const lineIds = new IdSequence(lineRng, lineRng.int(1_000_000, 2_000_000));
  for (const p of projects) if (p.hasBudget) p.lines = makeLines(lineRng, p, lineIds);
  addMinorityLines(planter, Math.max(2, Math.round(profile.plantScale * 2)));
  plantUnusualItems(planter, 3);
  plantOverpricedItems(planter, 4);

  const receiptProjects = projects.filter((p) => p.hasReceipts);
  const receiptLines = receiptProjects.reduce((s, p) => s + p.lines.length, 0);
  const ctx: ReceiptContext = {
    rng: receiptRng,
    receiptIds: new IdSequence(receiptRng, receiptRng.int(100_000, 900_000)),
    providers: new ProviderPool(receiptRng, taxIds, Math.max(40, Math.round(profile.targetLinks / profile.shape.linksPerPooledProvider))),
    coverage: receiptLines > 0 ? profile.targetLinks / (receiptLines * 1.18) : 0,
    sharedShare: profile.sharedReceiptShare,
    freshProviderShare: profile.shape.freshProviderShare,
  };
  for (const p of receiptProjects) p.links = makeLinks(ctx, p);
  const raisedCtx = {
    rng: raisedRng,
    ids: new IdSequence(raisedRng, raisedRng.int(10_000, 90_000)),
    sponsors: new SponsorPool(raisedRng, taxIds, Math.max(30, Math.round(profile.raisedProjects / 4))),
    meanRows: profile.targetRaisedRows / Math.max(1, profile.raisedProjects),
  };
  for (const p of projects) if (p.hasRaised) p.raised = makeRaised(raisedCtx, p);

  plantUnprovenMoney(planter, 4);
  plantManyReceipts(planter, ctx, 3);
  plantAbove150(planter, 5);
  plantSharedReceipts(planter, [2, 3, 2]);
  plantNewProviders(planter, ctx, 4);
  matchRaisedToProven(planter, 4);
  const provenSegments = plantLargeProvenValue(planter, 3);
  plantLargeApprovedValue(planter, 2, provenSegments);
  plantLargeRaisedValue(planter, 3);
  plantSameProponent(planter, taxIds, 2);
  // Last, so that the plants above draw exactly what they drew before it existed.
  plantVeryComplex(planter, 2);
  // After every other plant, for the same reason; it builds on projects nobody else touched.
  plantBoundaries(planter, { providers: ctx.providers, taxIds }, profile.tinySegments.length);
  // The gate's sample only: the national data stays as BENCHMARKS.md measured it.
  if (options.scale !== "national") {
    plantNeighbourReceipts(planter);
    plantReceiptsWithoutProvider(planter);
    plantLineTextVariants(planter);
    plantRowWithoutLineId(planter);
    plantSubCents(planter);
    plantNegativeMoney(planter);
    plantEmptyFields(planter);
    plantSegmentRows(planter);
    plantSecondIdPronac(planter);
    // Last: it reads every other metric's flags.
    plantProponentThresholds(planter, taxIds);
  }

  checkPlants(world);
  return world;
}

/**
 * Realism: a few projects have one line filed under another segment, so that
 * "the most frequent segment" (spec §3) has something to decide.
 */
function addMinorityLines(planter: Planter, count: number): void {
  const { rng, world } = planter;
  for (const p of planter.candidates((q) => q.lines.length >= 6).slice(0, count)) {
    const other = world.segments.filter((s) => s !== p.segment);
    const line = rng.pick(p.lines);
    line.segment = rng.pick(other);
    planter.used.add(p);
  }
}

/**
 * Throws if a planted project is not flagged by its metric's rule, or a
 * "Muito complexo" plant's complexidade is not above 6 (a generator bug, whatever the seed).
 */
export function checkPlants(world: World): void {
  const missed = missedPlant(world);
  if (missed !== undefined) throw new Error(`internal error: ${missed}`);
}

/** The ground truth: planted PRONACs per metric (every metric, spec order), sorted as strings. */
export function groundTruth(world: World): { seed: number; anomalies: Record<MetricId, string[]> } {
  const anomalies = {} as Record<MetricId, string[]>;
  for (const id of METRIC_IDS) {
    const set: ReadonlySet<Project> = world.planted.get(id) ?? new Set();
    anomalies[id] = [...set].map((p) => p.pronac).sort(byCodeUnit);
  }
  return { seed: world.seed, anomalies };
}
