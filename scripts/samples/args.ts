/** Command-line options of `npm run samples` and their validation. */
import { integerOption, parseCommandLine, UsageError } from "../../src/util/args.js";
import { REPO_FOLDERS } from "../../src/util/paths.js";
import { SHAPE_NAMES, type ShapeName } from "./profile.js";

export { UsageError };

/** What one run of the generator should produce. */
export interface SampleOptions {
  seed: number;
  /** Number of projects of planilha_projetos. */
  projects: number;
  /** "sample": a small committed sample; "national": the real database's size. */
  scale: "sample" | "national";
  /** The data's shape (profile.ts); "default" (the committed generator's) when absent. */
  profile?: ShapeName;
  /** Multiplies the national sizes (0.25 = a quarter of the database); 1 when absent, and with --scale sample. */
  factor?: number;
  out: string;
}

/** Projects of the real Salic database (spec §2). */
export const NATIONAL_PROJECTS = 210_000;

/** Defaults: seed 42, 400 projects, written to data-samples/. */
export const DEFAULTS = { seed: 42, projects: 400, out: REPO_FOLDERS.samples, nationalOut: REPO_FOLDERS.national } as const;

/** One-line usage, printed with argument errors. */
export const USAGE =
  `usage: npm run samples -- [--seed N] [--projects N | --scale national [--factor F]] [--profile ${SHAPE_NAMES.join("|")}] [--out DIR]`;

/** The options `npm run samples` takes. */
const SPEC = {
  seed: { type: "string" },
  projects: { type: "string" },
  scale: { type: "string" },
  profile: { type: "string" },
  factor: { type: "string" },
  out: { type: "string" },
} as const;

/** The command line tokenised; an unknown option is reported as an unknown argument (the entry point adds the usage). */
function tokenise(argv: readonly string[]) {
  try {
    return parseCommandLine(argv, SPEC).values;
  } catch (error) {
    const unknown = error instanceof UsageError ? /^unknown option (.*)$/.exec(error.message) : null;
    if (unknown) throw new UsageError(`unknown argument "${unknown[1]}"`);
    throw error;
  }
}

/** A scale factor (`--factor F`, `npm run bench -- --scales`): a decimal number from 0.01 to 10; a UsageError naming `option` otherwise. */
export function scaleFactor(value: string, option = "--factor"): number {
  const factor = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(factor >= 0.01 && factor <= 10)) throw new UsageError(`${option} must be a number from 0.01 to 10, got "${value}"`);
  return factor;
}

/** Where a run writes by default: data-samples, data-national, or data-national-<profile>[-<F>x] for the other shapes. */
function defaultOut(scale: SampleOptions["scale"], profile: ShapeName, factor: number): string {
  if (scale === "sample") return DEFAULTS.out;
  if (profile === "default" && factor === 1) return DEFAULTS.nationalOut;
  return `${DEFAULTS.nationalOut}-${profile}${factor === 1 ? "" : `-${factor}x`}`;
}

/**
 * Parses `--seed N`, `--projects N`, `--scale national`, `--factor F`,
 * `--profile NAME` and `--out DIR` (also `--flag=value`). Throws a
 * UsageError naming the parameter on an unknown flag, a flag without its
 * value, a non-integer number, a repeated flag, both --projects and --scale,
 * --factor without --scale national, or an unknown profile.
 */
export function parseArgs(argv: readonly string[]): SampleOptions {
  const given = tokenise(argv);
  if (given.projects !== undefined && given.scale !== undefined) {
    throw new UsageError("--projects and --scale cannot be used together (--scale national sets the number of projects)");
  }
  const seed = integerOption("seed", given.seed, DEFAULTS.seed, 0, 4294967295);
  if (given.scale !== undefined && given.scale !== "national") throw new UsageError(`--scale must be "national", got "${given.scale}"`);
  const scale: SampleOptions["scale"] = given.scale === "national" ? "national" : "sample";
  if (given.factor !== undefined && scale !== "national") throw new UsageError("--factor needs --scale national (it multiplies the national sizes)");
  const factor = given.factor === undefined ? 1 : scaleFactor(given.factor);
  const profile = (given.profile ?? "default") as ShapeName;
  if (!SHAPE_NAMES.includes(profile)) throw new UsageError(`--profile must be one of ${SHAPE_NAMES.join(", ")}, got "${given.profile}"`);
  const projects =
    scale === "national" ? Math.round(NATIONAL_PROJECTS * factor) : integerOption("projects", given.projects, DEFAULTS.projects, 20, 1_000_000);
  if (given.out === "") throw new UsageError("--out needs a directory");
  const out: string = given.out ?? defaultOut(scale, profile, factor);
  return { seed, projects, scale, profile, factor, out };
}
