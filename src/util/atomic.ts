/**
 * Atomic writes: content goes to a temporary sibling (same folder, so the
 * rename stays on one file system) that replaces the target only once it is
 * whole and flushed to disk. On any failure the temporary file is removed and
 * the target is left as it was: readers never see half a file, a failed run
 * never loses the previous one, and a power cut after the rename does not
 * leave an empty file under the new name. The one place salic-ml writes files
 * and folders that others read.
 *
 * A process killed mid-write (kill -9, out of memory) cannot remove its
 * temporary sibling; the next write of the same target removes it, knowing
 * from the pid in its name that its writer is dead.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import {
  closeSync,
  createWriteStream,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  type WriteStream,
} from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { isAlive } from "./process.js";

/** Options of {@link writeFileAtomic} and {@link writeStreamAtomic}. */
export interface AtomicFileOptions {
  /**
   * Permissions of the new file, before the umask (default 0o666, as
   * `writeFileSync`). The temporary file is created with them and the rename
   * keeps them, so the content is never readable more widely, not even while
   * it is being written; an existing target's own mode is not kept.
   */
  mode?: number;
}

// `.<target>.<pid>.<8 hex>.tmp`: the pid tells a dead writer's leftover from a
// live one's, the random part keeps two writes of one process apart.
const TEMPORARY_SUFFIX = /^(\d+)\.[0-9a-f]{8}\.tmp$/;

/** A hidden temporary sibling of `path`, unique to this process and call: `.<name>.<pid>.<8 hex digits>.tmp`. */
export function temporarySibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/**
 * Removes the temporary siblings of `path` (named by {@link temporarySibling},
 * files or folders) whose process is dead. Only the names given to `path`
 * itself qualify, so another target's temporaries and look-alike names are
 * never touched, nor is the temporary of a live (concurrent) writer. Called by
 * every writer of this module before it writes `path`.
 */
export function removeStaleSiblings(path: string): void {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    // The write that follows reports the missing or unreadable folder itself.
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = TEMPORARY_SUFFIX.exec(name.slice(prefix.length))?.[1];
    if (pid === undefined || isAlive(Number(pid))) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
    } catch {
      // Housekeeping only: a leftover that cannot be removed now is tried again on the next write.
    }
  }
}

/** Writes `content` to `path` atomically (synchronous: for small files already in memory). */
export function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicFileOptions = {}): void {
  removeStaleSiblings(path);
  const temp = temporarySibling(path);
  try {
    const fd = openSync(temp, "wx", options.mode ?? 0o666);
    try {
      writeFileSync(fd, content);
      flush(fd, temp);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
}

/**
 * Streams a file into place atomically. `write` receives the open stream and
 * must end it (e.g. by piping into it); if it, the stream, the flush to disk
 * or the rename fails, `path` is left as it was.
 */
export async function writeStreamAtomic(
  path: string,
  write: (out: WriteStream) => Promise<void>,
  options: AtomicFileOptions = {},
): Promise<void> {
  removeStaleSiblings(path);
  const temp = temporarySibling(path);
  // flush: the stream fsyncs before it closes, and a failed fsync is a stream error.
  const out = createWriteStream(temp, { flags: "wx", mode: options.mode ?? 0o666, flush: true });
  // Keep the first stream error even if `write` does not listen for it, and
  // keep later ones (after destroy) from surfacing as uncaught.
  let failure: unknown;
  out.on("error", (error) => (failure ??= error));
  try {
    if (out.pending) await Promise.race([once(out, "open"), once(out, "close")]);
    if (failure === undefined) await write(out);
    if (!out.closed) await once(out, "close");
    if (failure !== undefined) throw failure;
    await rename(temp, path);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
}

/**
 * Fills a set of files of `outDir` atomically as a group: `produce` writes
 * them into a temporary folder beside `outDir` and returns their names; they
 * are flushed to disk, then renamed into `outDir` (created if needed) in that
 * order. On any error before the renames, `outDir` is untouched; the
 * temporary folder is always removed.
 */
export function writeFilesAtomic<F extends { readonly name: string }>(outDir: string, produce: (tmpDir: string) => F[]): F[] {
  const out = resolve(outDir);
  mkdirSync(dirname(out), { recursive: true });
  removeStaleSiblings(out);
  const tmp = temporarySibling(out);
  mkdirSync(tmp);
  try {
    const files = produce(tmp);
    for (const f of files) syncPath(join(tmp, f.name));
    const created = mkdirSync(out, { recursive: true }) !== undefined;
    for (const f of files) renameSync(join(tmp, f.name), join(out, f.name));
    syncDirectory(out);
    if (created) syncDirectory(dirname(out));
    return files;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Moves the finished folder `temp` into place as `target` with one rename,
 * after flushing everything in it to disk. When `target` already exists
 * (another process published it meanwhile), it is kept if
 * `isComplete(target)` (and `temp` is left for the caller to remove), else
 * replaced. Stale temporary siblings of `target` (see
 * {@link removeStaleSiblings}) are removed first.
 */
export function publishDirectory(temp: string, target: string, isComplete: (existing: string) => boolean): void {
  removeStaleSiblings(target);
  syncTree(temp);
  try {
    renameSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    if (isComplete(target)) return;
    rmSync(target, { recursive: true, force: true });
    renameSync(temp, target);
  }
  syncDirectory(dirname(target));
}

// fsync through a read-only descriptor: enough on Linux and macOS, and it
// needs no write permission on what is flushed.
function syncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    flush(fd, path);
  } finally {
    closeSync(fd);
  }
}

// fsync's own error names no file; the code is kept for callers that test it.
function flush(fd: number, path: string): void {
  try {
    fsyncSync(fd);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw Object.assign(new Error(`cannot flush ${path} to disk: ${message}`), { code });
  }
}

// A rename is durable only once its folder is flushed. Windows cannot open a
// folder for that (NTFS journals the rename itself).
function syncDirectory(dir: string): void {
  if (process.platform !== "win32") syncPath(dir);
}

/**
 * fsyncs every file under `dir`, then the folders. A builder that runs off
 * the main thread calls it on what it wrote, so that the publish's own pass
 * (which must run where the rename does) finds nothing left to flush.
 */
export function syncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) syncTree(join(dir, entry.name));
    else if (entry.isFile()) syncPath(join(dir, entry.name));
  }
  syncDirectory(dir);
}
