/**
 * Damaged promotion records — a file cut short, a field of the wrong type,
 * fields missing — through `npm run promote -- --check` (a real process, on a
 * throw-away repository) and through the runtime's promotedMetrics (what
 * PROMOTED_METRICS is computed with): each names the file, what is wrong and
 * the command that redoes it, never a stack trace or a TypeError.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { promotedMetrics, PromotionRecordError } from "../../src/metrics/promoted.js";
import { REGISTRY } from "../../src/metrics/registry.js";
import { canonicalJson, type PromotionRecord } from "../../src/promote/record.js";
import { promoteFixture, REPO } from "../support/promote-fixture.js";

const record: PromotionRecord = {
  metric: "valor_aprovado",
  verdict: "pass",
  notebook: { path: "notebooks/fixture.ipynb", sha256: "a".repeat(64) },
  module: { path: "src/metrics/valor-aprovado.ts", sha256: "b".repeat(64), deps: [] },
  data: { dir: "data-samples", files: {} },
  tolerance: { abs: 0.005, rel: 0 },
  compared: 3,
  max_abs_diff: 0,
  max_rel_diff: 0,
  versions: { node: "v20.0.0" },
  date: "2026-01-02",
};
const text = canonicalJson(record);
const truncated = text.slice(0, Math.floor(text.length / 2));
const parseError = (() => {
  try {
    JSON.parse(truncated);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the truncated record not to parse");
})();

/** A repository whose valor_aprovado record is cut in half and whose valor_captado record has a string count and no tolerance. */
function damagedRepo(): string {
  const root = promoteFixture(JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
  writeFileSync(join(root, "promoted", "valor_aprovado.json"), truncated);
  const { tolerance: _, ...noTolerance } = record;
  writeFileSync(join(root, "promoted", "valor_captado.json"), canonicalJson({ ...noTolerance, metric: "valor_captado", compared: "3" }));
  return root;
}

describe("damaged promotion records", () => {
  it("npm run promote -- --check names each damaged record, what is wrong and what to rerun; exit 1, no stack trace", () => {
    const root = damagedRepo();
    const run = spawnSync(process.execPath, ["--import", "tsx", "test/support/promote-cli.ts", root, "--check"], { cwd: REPO, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      `valor_aprovado:\n  - promoted/valor_aprovado.json: not valid JSON (${parseError}) — rerun npm run promote -- valor_aprovado\n` +
        "valor_captado:\n" +
        "  - promoted/valor_captado.json: field tolerance is missing; field compared must be a number (a whole count of projects), found \"3\" — rerun npm run promote -- valor_captado\n",
    );
    expect(run.stderr).toContain("\nitens_orcamentarios:\n  - no promotion record (promoted/itens_orcamentarios.json)\n");
    expect(run.stderr.split("\n").at(-2)).toBe(`Re-promote with: npm run promote -- ${REGISTRY.map((m) => m.id).join(" ")}`);
    expect(run.stderr).not.toMatch(/\n\s+at |TypeError|SyntaxError/);
  });

  it("the runtime's promotedMetrics refuses a damaged record with the same message, naming the file", () => {
    const root = damagedRepo();
    const error = (() => {
      try {
        promotedMetrics(root, REGISTRY);
      } catch (e) {
        return e;
      }
      throw new Error("expected promotedMetrics to refuse the damaged record");
    })();
    expect(error).toBeInstanceOf(PromotionRecordError);
    expect((error as PromotionRecordError).message).toBe(
      `${join(root, "promoted", "valor_aprovado.json")}: not valid JSON (${parseError}) — rerun npm run promote -- valor_aprovado`,
    );
    writeFileSync(join(root, "promoted", "valor_aprovado.json"), text);
    expect(() => promotedMetrics(root, REGISTRY)).toThrow(
      `${join(root, "promoted", "valor_captado.json")}: field tolerance is missing; field compared must be a number (a whole count of projects), found "3" — rerun npm run promote -- valor_captado`,
    );
    writeFileSync(join(root, "promoted", "valor_captado.json"), canonicalJson({ ...record, metric: "valor_captado" }));
    expect(promotedMetrics(root, REGISTRY).map((m) => m.id)).toEqual(["valor_aprovado", "valor_captado"]);
  });
});
