import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";

/**
 * Streams a file into place atomically: `write` fills a temporary file in
 * the same directory (so the final rename stays on one file system), which
 * then replaces `path`. If `write`, the stream or the rename fails, the
 * temporary file is removed and `path` is left as it was: never a
 * half-written file. (For content already in memory, src/promote has a
 * synchronous twin taking a string.)
 *
 * `write` receives the open stream and must end it (e.g. by piping into it).
 */
export async function writeStreamAtomic(path: string, write: (out: WriteStream) => Promise<void>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
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
