/** Command-line options of `npm run samples` and their validation. */

/** What one run of the generator should produce. */
export interface SampleOptions {
  seed: number;
  /** Number of projects of planilha_projetos. */
  projects: number;
  /** "sample": a small committed sample; "national": the real database's size. */
  scale: "sample" | "national";
  out: string;
}

/** A command-line mistake; the entry point prints it and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Projects of the real Salic database (spec §2). */
export const NATIONAL_PROJECTS = 210_000;

/** Defaults: seed 42, 400 projects, written to data-samples/. */
export const DEFAULTS = { seed: 42, projects: 400, out: "data-samples", nationalOut: "data-national" } as const;

/** One-line usage, printed with argument errors. */
export const USAGE = "usage: npm run samples -- [--seed N] [--projects N | --scale national] [--out DIR]";

function parseInteger(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} needs a value (an integer from ${min} to ${max})`);
  if (!/^[0-9]+$/.test(value)) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got ${value}`);
  return n;
}

/**
 * Parses `--seed N`, `--projects N`, `--scale national` and `--out DIR`
 * (also `--flag=value`). Throws a UsageError naming the parameter on an
 * unknown flag, a non-integer number, a repeated flag, or both --projects and
 * --scale.
 */
export function parseArgs(argv: readonly string[]): SampleOptions {
  const given = new Map<string, string | undefined>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf("=");
    const flag = eq > 0 && arg.startsWith("--") ? arg.slice(0, eq) : arg;
    if (!["--seed", "--projects", "--scale", "--out"].includes(flag)) {
      throw new UsageError(`unknown argument "${arg}"; ${USAGE}`);
    }
    if (given.has(flag)) throw new UsageError(`${flag} given more than once`);
    const value = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : argv[++i];
    given.set(flag, value);
  }
  if (given.has("--projects") && given.has("--scale")) {
    throw new UsageError("--projects and --scale cannot be used together (--scale national sets the number of projects)");
  }
  const seed = given.has("--seed") ? parseInteger("--seed", given.get("--seed"), 0, 4294967295) : DEFAULTS.seed;
  let scale: SampleOptions["scale"] = "sample";
  if (given.has("--scale")) {
    const value = given.get("--scale");
    if (value !== "national") throw new UsageError(`--scale must be "national", got ${value === undefined ? "nothing" : `"${value}"`}`);
    scale = "national";
  }
  const projects =
    scale === "national"
      ? NATIONAL_PROJECTS
      : given.has("--projects")
        ? parseInteger("--projects", given.get("--projects"), 20, 1_000_000)
        : DEFAULTS.projects;
  let out: string = scale === "national" ? DEFAULTS.nationalOut : DEFAULTS.out;
  if (given.has("--out")) {
    const value = given.get("--out");
    if (value === undefined || value === "" || value.startsWith("--")) throw new UsageError("--out needs a directory");
    out = value;
  }
  return { seed, projects, scale, out };
}
