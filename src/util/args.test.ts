import { describe, expect, it } from "vitest";
import { integerOption, parseCommandLine, secondsOption, UsageError } from "./args.js";

const spec = { data: { type: "string" }, check: { type: "boolean" }, help: { type: "boolean", short: "h" } } as const;

describe("parseCommandLine", () => {
  it("reads --name value, --name=value, booleans and short flags", () => {
    expect(parseCommandLine(["--data", "d", "--check"], spec).values).toEqual({ data: "d", check: true });
    expect(parseCommandLine(["--data=d", "-h"], spec).values).toEqual({ data: "d", help: true });
  });
  it("keeps positionals only where allowed", () => {
    expect(parseCommandLine(["a", "--check", "b"], spec, { positionals: true }).positionals).toEqual(["a", "b"]);
    expect(() => parseCommandLine(["a"], spec)).toThrow('unexpected argument "a"');
  });
  it("names the option that is unknown, lacks a value, takes none or repeats", () => {
    expect(() => parseCommandLine(["--date", "x"], spec)).toThrow("unknown option --date");
    expect(() => parseCommandLine(["--data"], spec)).toThrow("--data needs a value");
    expect(() => parseCommandLine(["--data", "--check"], spec)).toThrow("--data needs a value");
    expect(() => parseCommandLine(["--check=yes"], spec)).toThrow("--check takes no value");
    expect(() => parseCommandLine(["--data", "a", "--data", "b"], spec)).toThrow("--data given more than once");
  });
  it("throws a UsageError carrying the command", () => {
    try {
      parseCommandLine(["--nope"], spec, { command: "score" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).command).toBe("score");
    }
  });
  it("accepts a value starting with -- when written inline", () => {
    expect(parseCommandLine(["--data=--odd"], spec).values).toEqual({ data: "--odd" });
  });
});

describe("integerOption", () => {
  it("gives the fallback when absent and the integer when in range", () => {
    expect(integerOption("jobs", undefined, 2, 1, 64)).toBe(2);
    expect(integerOption("jobs", "64", 2, 1, 64)).toBe(64);
  });
  it("refuses what is not an integer in range, naming the option", () => {
    expect(() => integerOption("jobs", "0", 2, 1, 64)).toThrow('--jobs must be an integer from 1 to 64, got "0"');
    expect(() => integerOption("jobs", "1.5", 2, 1, 64)).toThrow('--jobs must be an integer from 1 to 64, got "1.5"');
    expect(() => integerOption("port", "65536", 3000, 0, 65535)).toThrow('--port must be an integer from 0 to 65535, got "65536"');
  });
});

describe("secondsOption", () => {
  it("takes positive seconds, fractions included", () => {
    expect(secondsOption("cell-timeout", "0.5", 600)).toBe(0.5);
    expect(secondsOption("cell-timeout", undefined, 600)).toBe(600);
  });
  it("refuses zero, negatives and text", () => {
    for (const bad of ["0", "-1", "soon", "Infinity"]) {
      expect(() => secondsOption("cell-timeout", bad, 600)).toThrow(`--cell-timeout must be a positive number of seconds, got "${bad}"`);
    }
  });
});
