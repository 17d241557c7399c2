import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, inject, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const program = `
import { startPrivateCluster } from ${JSON.stringify(`${repo}scripts/private-postgres.ts`)};
const cluster = await startPrivateCluster();
process.stdout.write(JSON.stringify(cluster.database) + "\\n");
setInterval(() => {}, 1000);
`;

// Only where the tests have a server: the child starts a second private cluster of its own.
it.skipIf("skipped" in inject("database"))("a process stopped with SIGTERM stops and removes the private cluster it started", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program], { cwd: repo });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes("\n")) resolve(out.trim());
    });
    child.once("exit", (code) => reject(new Error(`the child exited (${code}) before starting the cluster`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  const port = new URL(url).port;
  const serverOf = () => postmasterOn(port);
  const postmaster = serverOf();
  expect(postmaster).toBeDefined();
  child.removeAllListeners("exit");
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  child.kill("SIGTERM");
  expect(await exited).toBe("SIGTERM");
  expect(serverOf()).toBeUndefined();
  expect(existsSync(postmaster!.dataDir)).toBe(false);
}, 60_000);

/** The postmaster listening on `port` (from /proc), with its data folder. */
function postmasterOn(port: string): { pid: number; dataDir: string } | undefined {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue;
    }
    if (!args[0]?.endsWith("/postgres")) continue;
    const portAt = args.indexOf("-p");
    const dataAt = args.indexOf("-D");
    if (portAt >= 0 && args[portAt + 1] === port && dataAt >= 0) return { pid: Number(entry), dataDir: args[dataAt + 1]! };
  }
  return undefined;
}
