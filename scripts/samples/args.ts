/** Command-line options of `npm run samples` and their validation. */
import { integerOption, parseCommandLine, UsageError } from "../../src/util/args.js";
import { REPO_FOLDERS } from "../../src/util/paths.js";

export { UsageError };

/** What one run of the generator should produce. */
export interface SampleOptions {
  seed: number;
  /** Number of projects of planilha_projetos. */
  projects: number;
  /** "sample": a small committed sample; "national": the real database's size. */
  scale: "sample" | "national";
  out: string;
}

/** Projects of the real Salic database (spec §2). */
export const NATIONAL_PROJECTS = 210_000;

/** Defaults: seed 42, 400 projects, written to data-samples/. */
export const DEFAULTS = { seed: 42, projects: 400, out: REPO_FOLDERS.samples, nationalOut: REPO_FOLDERS.national } as const;

/** One-line usage, printed with argument errors. */
export const USAGE = "usage: npm run samples -- [--seed N] [--projects N | --scale national] [--out DIR]";

/** The options `npm run samples` takes. */
const SPEC = {
  seed: { type: "string" },
  projects: { type: "string" },
  scale: { type: "string" },
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

/**
 * Parses `--seed N`, `--projects N`, `--scale national` and `--out DIR`
 * (also `--flag=value`). Throws a UsageError naming the parameter on an
 * unknown flag, a flag without its value, a non-integer number, a repeated
 * flag, or both --projects and --scale.
 */
export function parseArgs(argv: readonly string[]): SampleOptions {
  const given = tokenise(argv);
  if (given.projects !== undefined && given.scale !== undefined) {
    throw new UsageError("--projects and --scale cannot be used together (--scale national sets the number of projects)");
  }
  const seed = integerOption("seed", given.seed, DEFAULTS.seed, 0, 4294967295);
  if (given.scale !== undefined && given.scale !== "national") throw new UsageError(`--scale must be "national", got "${given.scale}"`);
  const scale: SampleOptions["scale"] = given.scale === "national" ? "national" : "sample";
  const projects = scale === "national" ? NATIONAL_PROJECTS : integerOption("projects", given.projects, DEFAULTS.projects, 20, 1_000_000);
  if (given.out === "") throw new UsageError("--out needs a directory");
  const out: string = given.out ?? (scale === "national" ? DEFAULTS.nationalOut : DEFAULTS.out);
  return { seed, projects, scale, out };
}
