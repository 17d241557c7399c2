import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot, packageVersion, repoRelative } from "./paths.js";

describe("repoRelative", () => {
  it("writes POSIX paths relative to the root", () => {
    expect(repoRelative("/repo", "/repo/src/metrics/x.ts")).toBe("src/metrics/x.ts");
    expect(repoRelative("/repo", "notebooks/../data-samples")).toBe("data-samples");
  });
  it("is '.' for the root itself and climbs out with '..'", () => {
    expect(repoRelative("/repo", "/repo")).toBe(".");
    expect(repoRelative("/repo/notebooks", "/repo/data-samples")).toBe("../data-samples");
  });
});

describe("packageRoot", () => {
  it("finds the folder whose package.json is salic-ml's, skipping other packages", () => {
    const dir = mkdtempSync(join(tmpdir(), "salic-root-"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "salic-ml", version: "9.8.7" }));
    mkdirSync(join(dir, "inner", "deep"), { recursive: true });
    writeFileSync(join(dir, "inner", "package.json"), JSON.stringify({ name: "other" }));
    expect(packageRoot(join(dir, "inner", "deep"))).toBe(dir);
    expect(packageVersion(dir)).toBe("9.8.7");
  });
  it("names the folder it started from when there is none", () => {
    expect(() => packageRoot("/")).toThrow("salic-ml package.json not found above /");
  });
});
