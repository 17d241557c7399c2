import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));

it("salic-ml score with a truncated promotion record in its package says which record, in one line, exit 1", () => {
  // A copy of the built package whose record of valor_aprovado was cut in half.
  const pkg = mkdtempSync(join(tmpdir(), "salic-damaged-pkg-"));
  try {
    cpSync(join(repo, "package.json"), join(pkg, "package.json"));
    cpSync(join(repo, "dist", "src"), join(pkg, "dist", "src"), { recursive: true });
    cpSync(join(repo, "promoted"), join(pkg, "promoted"), { recursive: true });
    symlinkSync(join(repo, "node_modules"), join(pkg, "node_modules"));
    const record = join(pkg, "promoted", "valor_aprovado.json");
    const text = readFileSync(record, "utf8");
    writeFileSync(record, text.slice(0, Math.floor(text.length / 2)));

    const run = spawnSync(process.execPath, [join(pkg, "dist", "src", "cli.js"), "score", "--data", join(repo, "data-samples")], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")).toHaveLength(2); // one line and its newline: no stack trace
    expect(run.stderr).toMatch(/^salic-ml: .*promoted\/valor_aprovado\.json: not valid JSON \(.*\) — rerun npm run promote -- valor_aprovado\n$/);
  } finally {
    rmSync(pkg, { recursive: true, force: true });
  }
}, 60_000);
