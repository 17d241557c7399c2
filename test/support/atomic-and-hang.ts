/**
 * For the kill tests of src/util/atomic.ts: starts an atomic write of TARGET
 * and stops half-way, its partial content on disk, printing "hanging" so that
 * the test can kill it with SIGKILL.
 *
 * Usage: atomic-and-hang.ts stream|files|folder TARGET
 * - stream: writeStreamAtomic(TARGET) has written "partial" and not ended;
 * - files: writeFilesAtomic(TARGET) is producing, "partial" in a.csv;
 * - folder: a folder being built for publishDirectory(…, TARGET), as the
 *   service's cache does, "partial" in meta.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { temporarySibling, writeFilesAtomic, writeStreamAtomic } from "../../src/util/atomic.js";

const [kind, target] = process.argv.slice(2);
if (target === undefined) throw new Error("usage: atomic-and-hang.ts stream|files|folder TARGET");

// Blocks without spinning (the test machine's cores are shared) until killed.
function hang(): never {
  process.stdout.write("hanging\n");
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

if (kind === "stream") {
  await writeStreamAtomic(target, async (out) => {
    await new Promise((written) => out.write("partial", written));
    hang();
  });
} else if (kind === "files") {
  writeFilesAtomic(target, (tmp) => {
    writeFileSync(join(tmp, "a.csv"), "partial");
    hang();
  });
} else if (kind === "folder") {
  const temp = temporarySibling(target);
  mkdirSync(temp);
  writeFileSync(join(temp, "meta.json"), "partial");
  hang();
} else {
  throw new Error(`atomic-and-hang.ts: kind must be stream, files or folder, got "${kind}"`);
}
