/**
 * Facts about other processes of this machine.
 *
 * @module
 */

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
