/**
 * For the kill tests of the promotion gate: every process of one run, found
 * in /proc, and the waits on them. A run's processes are those whose
 * environment holds its marker (the test sets SALIC_TEST_RUN=<marker> for
 * the process it starts, and every descendant inherits it: npm, sh, tsx, the
 * gate, the Python executor, the tslab kernel, the figure renderer,
 * Chromium's main process), plus the members of their process groups other
 * than the test's own (Chromium's zygotes and renderers rewrite their
 * environment, but stay in the group of Chromium's main process). Zombies
 * count as gone: in some containers nobody reaps an orphan.
 */
import { readdirSync, readFileSync } from "node:fs";
import { procStatFields } from "../../src/util/process.js";

/** The environment variable that marks a run's processes. */
export const RUN_MARKER = "SALIC_TEST_RUN";

/** One process as /proc shows it. */
export interface RunProcess {
  pid: number;
  ppid: number;
  pgid: number;
  /** Start time in clock ticks since boot: with the pid, names the process even if its pid is recycled. */
  start: string;
  cmd: string;
}

/** The live (non-zombie) processes of the run marked `marker`, by pid. */
export function runProcesses(marker: string): RunProcess[] {
  const own = processInfo(process.pid)?.pgid;
  const all = readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .flatMap((pid) => {
      const info = processInfo(pid);
      return info === undefined ? [] : [info];
    });
  const marked = all.filter((p) => environ(p.pid).includes(`${RUN_MARKER}=${marker}`));
  const groups = new Set(marked.map((p) => p.pgid).filter((g) => g !== own));
  return all.filter((p) => marked.includes(p) || groups.has(p.pgid)).sort((a, b) => a.pid - b.pid);
}

/** Those of `processes` still running (same pid and start time, not a zombie). */
export function stillRunning(processes: readonly RunProcess[]): RunProcess[] {
  return processes.filter((p) => processInfo(p.pid)?.start === p.start);
}

/** Polls `probe` every 100 ms until it returns a value, or fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A short label per process for messages: "pid cmd". */
export function describeProcesses(processes: readonly RunProcess[]): string[] {
  return processes.map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`);
}

function processInfo(pid: number): RunProcess | undefined {
  const fields = procStatFields(pid);
  if (fields === undefined) return undefined;
  let cmd = "";
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return undefined;
  }
  return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), start: fields[19]!, cmd };
}

function environ(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
  } catch {
    return [];
  }
}
