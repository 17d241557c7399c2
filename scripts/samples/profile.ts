/**
 * How big each part of a run is, and its shape. The national profile follows
 * the real database (spec §2); the sample profile is denser (more projects
 * with a budget, receipts and raised funds) so that a few hundred projects
 * give the segment statistics something to work with. The shapes other than
 * "default" make the data heavier where the score job's cost lies (see
 * BENCHMARKS.md): they exist for benchmarks, not for the committed sample.
 */
import type { SampleOptions } from "./args.js";

/** What a shape changes in the natural data (the plants stay as they are). */
export interface Shape {
  /** Item variants added to each segment's catalogue tail (more distinct items per segment, so more common items). */
  readonly extraItemsPerSegment: number;
  /** Exponent of the tail's popularity law, 1/(rank + 1.5)^e: lower spreads the lines over more distinct items. */
  readonly tailExponent: number;
  /** Multiplies the number of budget lines (the projects with a budget stay as many). */
  readonly linesFactor: number;
  /** Receipt links per provider of the shared pool: higher means fewer providers, each shared by more projects. */
  readonly linksPerPooledProvider: number;
  /** Share of a project's providers that are new (seen nowhere else). */
  readonly freshProviderShare: number;
}

/**
 * The shapes `npm run samples -- --profile NAME` offers. Each aims at one
 * way the real database can be heavier than the default sample (spec §2 gives
 * its sizes: 210k projects, 2.0M budget lines of 41.6k projects, 356k
 * receipt links, 426k raised-funds rows, 127 segments); "heavy" combines
 * them all, like the data of issue #13 (longer detail lists, more distinct
 * items per segment).
 */
export const SHAPES = {
  default: { extraItemsPerSegment: 0, tailExponent: 1.05, linesFactor: 1, linksPerPooledProvider: 8, freshProviderShare: 0.18 },
  items: { extraItemsPerSegment: 600, tailExponent: 0.9, linesFactor: 1, linksPerPooledProvider: 8, freshProviderShare: 0.18 },
  lines: { extraItemsPerSegment: 0, tailExponent: 1.05, linesFactor: 1.6, linksPerPooledProvider: 8, freshProviderShare: 0.18 },
  providers: { extraItemsPerSegment: 0, tailExponent: 1.05, linesFactor: 1, linksPerPooledProvider: 150, freshProviderShare: 0.02 },
  "long-lists": { extraItemsPerSegment: 250, tailExponent: 0.55, linesFactor: 1, linksPerPooledProvider: 8, freshProviderShare: 0.18 },
  heavy: { extraItemsPerSegment: 600, tailExponent: 0.7, linesFactor: 1.3, linksPerPooledProvider: 150, freshProviderShare: 0.02 },
} as const satisfies Record<string, Shape>;

/** A shape's name. */
export type ShapeName = keyof typeof SHAPES;

/** The shapes' names, default first. */
export const SHAPE_NAMES = Object.keys(SHAPES) as ShapeName[];

/** Sizes of one run. */
export interface Profile {
  /** Projects of planilha_projetos. */
  readonly listedProjects: number;
  /** PRONACs with budget rows but no planilha_projetos row. */
  readonly orphanProjects: number;
  /** Projects with budget lines (orphans included). */
  readonly budgetProjects: number;
  /** Budget projects with receipt links. */
  readonly receiptProjects: number;
  /** Projects with raised funds. */
  readonly raisedProjects: number;
  /** Share of raised-funds projects that also have a budget. */
  readonly raisedWithBudgetShare: number;
  readonly targetLines: number;
  readonly targetLinks: number;
  readonly targetRaisedRows: number;
  readonly segments: number;
  /** Budget projects of the last segments, fixed so that a few segments have only 1–2 projects. */
  readonly tinySegments: readonly number[];
  /** Multiplies the number of planted projects per metric. */
  readonly plantScale: number;
  /** Natural shared receipts: share of receipt projects that have one. */
  readonly sharedReceiptShare: number;
  /** The data's shape. */
  readonly shape: Shape;
}

/** The profile of the given options. */
export function profileFor(options: Pick<SampleOptions, "projects" | "scale"> & Partial<Pick<SampleOptions, "profile" | "factor">>): Profile {
  const shape: Shape = SHAPES[options.profile ?? "default"];
  if (options.scale === "national") {
    // factor scales every count but the segments (the database's 127) and the tiny segments.
    const f = options.factor ?? 1;
    const scaled = (n: number) => Math.round(n * f);
    return {
      listedProjects: options.projects,
      orphanProjects: Math.max(2, scaled(60)),
      budgetProjects: scaled(41_600),
      receiptProjects: scaled(18_500),
      raisedProjects: scaled(34_000),
      raisedWithBudgetShare: 0.7,
      targetLines: scaled(2_000_000 * shape.linesFactor),
      targetLinks: scaled(356_000 * shape.linesFactor),
      targetRaisedRows: scaled(426_000),
      segments: 127,
      tinySegments: [1, 1, 2, 2],
      plantScale: Math.max(1, 25 * f),
      sharedReceiptShare: 0.012,
      shape,
    };
  }
  const n = options.projects;
  const orphans = Math.max(2, Math.round(n / 150));
  const budget = Math.round(0.62 * n) + orphans;
  const receipts = Math.round(0.6 * budget);
  const raised = Math.round(0.38 * n);
  return {
    listedProjects: n,
    orphanProjects: orphans,
    budgetProjects: budget,
    receiptProjects: receipts,
    raisedProjects: raised,
    raisedWithBudgetShare: 0.75,
    targetLines: budget * 26,
    targetLinks: receipts * 14,
    targetRaisedRows: raised * 6,
    segments: Math.min(30, 20 + Math.floor(n / 100)),
    tinySegments: [1, 1, 2],
    plantScale: Math.max(1, n / 400),
    sharedReceiptShare: 0.03,
    shape,
  };
}
