/**
 * Command-line parsing for the bin and every script: node's `parseArgs`
 * tokenises, and the checks here give messages that name the parameter and
 * what it expects (node's own are generic). One error type for every bad
 * command line; entry points print it with their usage and exit with 2.
 *
 * @module
 */
import { parseArgs } from "node:util";

/** A bad command line: printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    /** The subcommand whose usage applies, if any. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** The options a command takes: a string option takes a value, a boolean one does not. */
export type OptionSpec = Readonly<Record<string, { readonly type: "string" | "boolean"; readonly short?: string; readonly multiple?: boolean }>>;

/** What `parseCommandLine` gives: each option's value as the user wrote it, and the positionals. */
export interface CommandLine<S extends OptionSpec> {
  values: { -readonly [K in keyof S]?: S[K]["type"] extends "boolean" ? true : S[K]["multiple"] extends true ? string[] : string };
  positionals: string[];
}

/**
 * Parses `args` against `spec` (`--name value`, `--name=value`, `-h`).
 * Throws a UsageError naming the option for an unknown option, a string
 * option without a value, a value given to a boolean option, an option given
 * twice (unless it is `multiple`: its values are then listed in order), or a
 * positional where none are allowed.
 */
export function parseCommandLine<S extends OptionSpec>(
  args: readonly string[],
  spec: S,
  options: { positionals?: boolean; command?: string } = {},
): CommandLine<S> {
  const { tokens } = parseArgs({ args: [...args], options: { ...spec }, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | string[] | true> = {};
  const positionals: string[] = [];
  const fail = (message: string): never => {
    throw new UsageError(message, options.command);
  };
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      if (options.positionals !== true) fail(`unexpected argument "${token.value}"`);
      positionals.push(token.value);
      continue;
    }
    const option = spec[token.name];
    if (option === undefined) fail(`unknown option ${token.rawName}`);
    if (token.name in values && option!.multiple !== true) fail(`${token.rawName} given more than once`);
    if (option!.type === "boolean") {
      if (token.value !== undefined) fail(`${token.rawName} takes no value`);
      values[token.name] = true;
    } else {
      if (token.value === undefined || (token.inlineValue !== true && token.value.startsWith("--"))) {
        fail(`${token.rawName} needs a value`);
      }
      if (option!.multiple === true) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), token.value!];
      else values[token.name] = token.value!;
    }
  }
  return { values: values as CommandLine<S>["values"], positionals };
}

/**
 * An integer option's value, from `min` to `max`; `fallback` when absent.
 * The error names the option and the range.
 */
export function integerOption(name: string, value: string | undefined, fallback: number, min: number, max: number, command?: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${value}"`, command);
  }
  return n;
}

/** A positive number of seconds; `fallback` when absent. */
export function secondsOption(name: string, value: string | undefined, fallback: number, command?: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--${name} must be a positive number of seconds, got "${value}"`, command);
  return n;
}
