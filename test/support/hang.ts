import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Starts `script` (a test/support script, path from the repository root) as a
 * real process and resolves once it printed "hanging", i.e. stopped mid-write.
 */
export async function startHanging(script: string, args: readonly string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString("utf8").includes("hanging") && resolve());
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before hanging:\n${stderr}`)));
  });
  return child;
}

/**
 * kill -9, resolving once the process is reaped: until then its pid still
 * answers signal 0 (a zombie), so it would not yet count as dead.
 */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}
