import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "salic-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/generate-samples.ts", ...args], { cwd: REPO, encoding: "utf8" });
}

describe("npm run samples", () => {
  it("exits with status 2 and names the parameter on bad arguments, writing nothing", () => {
    const out = join(tmp, "bad");
    for (const [args, message] of [
      [["--seed", "x", "--out", out], /--seed must be an integer/],
      [["--projects", "12.5", "--out", out], /--projects must be an integer/],
      [["--projects", "100", "--scale", "national", "--out", out], /--projects and --scale cannot be used together/],
      [["--colour", "red", "--out", out], /unknown argument "--colour"/],
    ] as const) {
      const r = run(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
  });
  it("writes the five tables, ground truth, README, manifest and the synthetic feedback export into --out", () => {
    const out = join(tmp, "ok");
    const r = run("--seed", "3", "--projects", "60", "--out", out);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "README.md",
      "feedback",
      "ground-truth.json",
      "manifest.json",
      "planilha_aprovacao_comprovacao.csv",
      "planilha_captacao.csv",
      "planilha_comprovacao.csv",
      "planilha_orcamentaria.csv",
      "planilha_projetos.csv",
    ]);
  });
});
