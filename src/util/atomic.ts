/**
 * Atomic writes: content goes to a temporary sibling (same folder, so the
 * rename stays on one file system) that replaces the target only once it is
 * whole. On any failure the temporary file is removed and the target is left
 * as it was: readers never see half a file, a failed run never loses the
 * previous one. The one place salic-ml writes files and folders that others
 * read.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/** A hidden temporary sibling of `path`, unique to this process and call. */
export function temporarySibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Writes `content` to `path` atomically (synchronous: for small files already in memory). */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temp = temporarySibling(path);
  try {
    writeFileSync(temp, content, { flag: "wx" });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Streams a file into place atomically. `write` receives the open stream and
 * must end it (e.g. by piping into it); if it, the stream or the rename
 * fails, `path` is left as it was.
 */
export async function writeStreamAtomic(path: string, write: (out: WriteStream) => Promise<void>): Promise<void> {
  const temp = temporarySibling(path);
  const out = createWriteStream(temp, { flags: "wx" });
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
}

/**
 * Fills a set of files of `outDir` atomically as a group: `produce` writes
 * them into a temporary folder beside `outDir` and returns their names; they
 * are then renamed into `outDir` (created if needed) in that order. On any
 * error before the renames, `outDir` is untouched; the temporary folder is
 * always removed.
 */
export function writeFilesAtomic<F extends { readonly name: string }>(outDir: string, produce: (tmpDir: string) => F[]): F[] {
  const out = resolve(outDir);
  mkdirSync(dirname(out), { recursive: true });
  const tmp = mkdtempSync(join(dirname(out), `.${basename(out)}.tmp-`));
  try {
    const files = produce(tmp);
    mkdirSync(out, { recursive: true });
    for (const f of files) renameSync(join(tmp, f.name), join(out, f.name));
    return files;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Moves the finished folder `temp` into place as `target` with one rename.
 * When `target` already exists (another process published it meanwhile),
 * it is kept if `isComplete(target)` (and `temp` is left for the caller to
 * remove), else replaced.
 */
export function publishDirectory(temp: string, target: string, isComplete: (existing: string) => boolean): void {
  try {
    renameSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    if (isComplete(target)) return;
    rmSync(target, { recursive: true, force: true });
    renameSync(temp, target);
  }
}
