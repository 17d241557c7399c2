/**
 * Facts about other processes of this machine.
 *
 * @module
 */
import { readFileSync } from "node:fs";

/**
 * Whether process `pid` may still be running. Callers take false as leave to
 * delete what that process left behind, so only the system's "no such
 * process" (ESRCH) answers false: EPERM means it runs under another user, and
 * a value that cannot be a process id, or any other error, answers true. A
 * recycled pid makes a dead process look alive (its leftovers are kept a
 * while longer), never the reverse. Processes of other hosts or PID
 * namespaces sharing a folder are not seen: do not share a writer's folder
 * across them.
 */
export function isAlive(pid: number): boolean {
  // 0 and negative ids address process groups, which kill(…, 0) always finds.
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * The fields of /proc/PID/stat after the command name (state, ppid, pgrp, …:
 * field N of proc(5) is index N − 3), or undefined when the process is gone
 * or a zombie. The name is skipped up to its last ")" since it may hold spaces and parentheses.
 */
export function procStatFields(pid: number): string[] | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[0] === "Z" || fields[0] === "X" ? undefined : fields;
}
