/**
 * How big each part of a run is. The national profile follows the real
 * database (spec §2); the sample profile is denser (more projects with a
 * budget, receipts and raised funds) so that a few hundred projects give the
 * segment statistics something to work with.
 */
import type { SampleOptions } from "./args.js";

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
}

/** The profile of the given options. */
export function profileFor(options: Pick<SampleOptions, "projects" | "scale">): Profile {
  if (options.scale === "national") {
    return {
      listedProjects: options.projects,
      orphanProjects: 60,
      budgetProjects: 41_600,
      receiptProjects: 18_500,
      raisedProjects: 34_000,
      raisedWithBudgetShare: 0.7,
      targetLines: 2_000_000,
      targetLinks: 356_000,
      targetRaisedRows: 426_000,
      segments: 127,
      tinySegments: [1, 1, 2, 2],
      plantScale: 25,
      sharedReceiptShare: 0.012,
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
  };
}
