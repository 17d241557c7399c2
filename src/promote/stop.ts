/**
 * Stopping the gate from outside: SIGINT, SIGTERM and SIGHUP, and the end of
 * the process chain that launched it (`npm run promote` is npm → sh → tsx →
 * node, and npm's SIGTERM stops at sh, which dies without passing it on).
 * Both abort one AbortController; the gate (src/promote/gate.ts) then stops
 * its notebooks' kernels and writes nothing.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { procStatFields } from "../util/process.js";

/** Why a run was stopped, and the exit code that says so (128 + the signal's number). */
export class GateStopped extends Error {
  override name = "GateStopped";
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** The signals that stop the gate, with their exit codes. */
export const STOP_SIGNALS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** How often the launcher chain is looked at. */
const LAUNCHER_POLL_MS = 500;

/**
 * Aborts `controller` with a GateStopped on the first SIGINT, SIGTERM or
 * SIGHUP, and, while `watchLauncher` is set, when a process of the chain
 * that launched this one is gone (see `launcherChain`). A second signal
 * calls `onSecondSignal` (the CLI exits at once). Returns the function that
 * removes the handlers and the watch.
 */
export function stopOn(controller: AbortController, options: { onSecondSignal: (code: number) => void; watchLauncher?: boolean }): () => void {
  const handlers = new Map<StopSignal, () => void>();
  for (const name of Object.keys(STOP_SIGNALS) as StopSignal[]) {
    const handler = () => {
      if (controller.signal.aborted) return options.onSecondSignal(STOP_SIGNALS[name]);
      controller.abort(new GateStopped(`stopped by ${name}`, STOP_SIGNALS[name]));
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  let timer: NodeJS.Timeout | undefined;
  if (options.watchLauncher === true) {
    const chain = launcherChain();
    if (chain.length > 0) {
      timer = setInterval(() => {
        const gone = chain.find((p) => startTime(p.pid) !== p.start);
        if (gone === undefined || controller.signal.aborted) return;
        clearInterval(timer);
        controller.abort(new GateStopped(`stopped: ${gone.name} (pid ${gone.pid}), which launched this run, is gone`, STOP_SIGNALS.SIGTERM));
      }, LAUNCHER_POLL_MS);
      timer.unref();
    }
  }
  return () => {
    clearInterval(timer);
    for (const [name, handler] of handlers) process.off(name, handler);
  };
}

/** One process of the launcher chain: its pid, start time (to tell a recycled pid) and command name. */
export interface Launcher {
  pid: number;
  start: string;
  name: string;
}

/**
 * The processes that launched this one, nearest first: under an npm script
 * (npm_lifecycle_event set), every ancestor that carries the same script's
 * environment (tsx, sh) and npm itself; otherwise the parent alone. Empty
 * where /proc cannot tell (not Linux).
 */
export function launcherChain(pid: number = process.pid, env: NodeJS.ProcessEnv = process.env): Launcher[] {
  const event = env["npm_lifecycle_event"];
  const chain: Launcher[] = [];
  let current = parentOf(pid);
  while (current !== undefined && current > 1 && chain.length < 8) {
    const start = startTime(current);
    if (start === undefined) break;
    chain.push({ pid: current, start, name: commandName(current) });
    if (event === undefined || environ(current).get("npm_lifecycle_event") !== event) break;
    current = parentOf(current);
  }
  return chain;
}

function parentOf(pid: number): number | undefined {
  const ppid = procStatFields(pid)?.[1];
  return ppid === undefined ? undefined : Number(ppid);
}

/** Start time (clock ticks since boot, field 22 of stat): undefined once the process is gone. */
function startTime(pid: number): string | undefined {
  return procStatFields(pid)?.[19];
}

function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}

function environ(pid: number): Map<string, string> {
  try {
    const entries = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    return new Map(entries.filter((e) => e.includes("=")).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
  } catch {
    return new Map();
  }
}
