import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "./args.js";

describe("parseArgs", () => {
  it("defaults to seed 42, 400 projects, data-samples", () => {
    expect(parseArgs([])).toEqual({ seed: 42, projects: 400, scale: "sample", profile: "default", factor: 1, out: "data-samples" });
  });
  it("reads --seed, --projects and --out, as separate words or with =", () => {
    expect(parseArgs(["--seed", "7", "--projects=120", "--out", "/tmp/x"])).toEqual({
      seed: 7,
      projects: 120,
      scale: "sample",
      profile: "default",
      factor: 1,
      out: "/tmp/x",
    });
  });
  it("--scale national means 210000 projects written to data-national unless --out says otherwise", () => {
    expect(parseArgs(["--scale", "national"])).toEqual({
      seed: 42,
      projects: 210000,
      scale: "national",
      profile: "default",
      factor: 1,
      out: "data-national",
    });
    expect(parseArgs(["--scale=national", "--out", "big"]).out).toBe("big");
  });
  it("rejects an unknown flag, naming it", () => {
    expect(() => parseArgs(["--size", "3"])).toThrow(UsageError);
    expect(() => parseArgs(["--size", "3"])).toThrow(/unknown argument "--size"/);
  });
  it("rejects a seed that is not an integer, naming --seed", () => {
    expect(() => parseArgs(["--seed", "4.5"])).toThrow(/--seed must be an integer.*"4\.5"/);
    expect(() => parseArgs(["--seed", "abc"])).toThrow(/--seed/);
    expect(() => parseArgs(["--seed"])).toThrow(/--seed needs a value/);
  });
  it("rejects a number of projects that is not an integer or is too small, naming --projects", () => {
    expect(() => parseArgs(["--projects", "1e3"])).toThrow(/--projects must be an integer/);
    expect(() => parseArgs(["--projects", "-5"])).toThrow(/--projects/);
    expect(() => parseArgs(["--projects", "3"])).toThrow(/--projects must be an integer from 20/);
  });
  it("rejects --projects together with --scale", () => {
    expect(() => parseArgs(["--projects", "100", "--scale", "national"])).toThrow(/--projects and --scale/);
  });
  it("rejects a scale other than national and a repeated flag", () => {
    expect(() => parseArgs(["--scale", "huge"])).toThrow(/--scale must be "national", got "huge"/);
    expect(() => parseArgs(["--seed", "1", "--seed", "2"])).toThrow(/--seed given more than once/);
  });
  it("--profile picks a shape and --factor multiplies the national sizes; both name the default folder", () => {
    expect(parseArgs(["--scale", "national", "--profile", "items"])).toEqual({
      seed: 42,
      projects: 210000,
      scale: "national",
      profile: "items",
      factor: 1,
      out: "data-national-items",
    });
    expect(parseArgs(["--scale", "national", "--factor", "0.25"])).toMatchObject({ projects: 52500, factor: 0.25, out: "data-national-default-0.25x" });
    expect(parseArgs(["--scale", "national", "--factor=3", "--profile=heavy"])).toMatchObject({ projects: 630000, out: "data-national-heavy-3x" });
    expect(parseArgs(["--profile", "long-lists"])).toMatchObject({ projects: 400, profile: "long-lists", out: "data-samples" });
  });
  it("rejects an unknown profile, a bad factor and a factor without --scale national", () => {
    expect(() => parseArgs(["--profile", "huge"])).toThrow(/--profile must be one of default, items, lines, providers, long-lists, heavy, got "huge"/);
    expect(() => parseArgs(["--scale", "national", "--factor", "0"])).toThrow(/--factor must be a number from 0.01 to 10, got "0"/);
    expect(() => parseArgs(["--scale", "national", "--factor", "1e2"])).toThrow(/--factor must be a number from 0.01 to 10, got "1e2"/);
    expect(() => parseArgs(["--factor", "2"])).toThrow(/--factor needs --scale national/);
  });
});
