import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../util/paths.js";
import { CACHE_FORMAT, codeVersion } from "./version.js";

describe("codeVersion", () => {
  it("is the cache format, the package version and a sha256 of the result code", () => {
    const version = (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
    expect(codeVersion()).toMatch(new RegExp(`^${CACHE_FORMAT}:${version.replace(/\./g, "\\.")}:[0-9a-f]{64}$`));
  });
});

describe("packageRoot", () => {
  it("finds salic-ml's package.json above src/serve", () => {
    expect((JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { name: string }).name).toBe("salic-ml");
  });
});
