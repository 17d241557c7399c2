import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));

it("scores in a worker even when the service was started with node flags a worker cannot take (node -e with --input-type and --expose-gc)", () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "salic-worker-"));
  try {
    const program = `
      const { startServer } = await import(${JSON.stringify(join(repo, "dist", "src", "serve", "index.js"))});
      const server = await startServer({ dataDir: ${JSON.stringify(join(repo, "data-samples"))}, cacheDir: ${JSON.stringify(cacheDir)}, port: 0, watchSeconds: 0, log: () => {} });
      const health = await (await fetch(server.url + "/health")).json();
      await server.close();
      console.log(health.projects);`;
    const run = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", program], { encoding: "utf8", timeout: 120_000 });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("400\n");
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}, 130_000);
