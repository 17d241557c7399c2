/**
 * The generator's file writers: every file is hashed while written. The run
 * writes them into the temporary folder of src/util/atomic.ts's
 * `writeFilesAtomic`, which renames them into place once all are complete,
 * so a failed run never leaves half a sample.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";

const BUFFER_BYTES = 8 << 20;
const STRING_CHARS = 1 << 16;

/**
 * Writes text to a file through one reused off-heap buffer and returns its
 * sha256 (hex) and size. Rows are joined into strings of ~64 K characters that
 * die young, so a national-size run does not fill the heap with row strings.
 */
export class ChunkedFile {
  private readonly fd: number;
  private readonly hash = createHash("sha256");
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private pending = "";
  private bytes = 0;
  constructor(path: string) {
    this.fd = openSync(path, "w");
  }
  /** Appends text. */
  add(text: string): void {
    this.pending += text;
    if (this.pending.length >= STRING_CHARS) this.spill();
  }
  /** Moves the pending string into the buffer (UTF-8 is at most 3 bytes per UTF-16 unit). */
  private spill(): void {
    const text = this.pending;
    this.pending = "";
    if (this.used + text.length * 3 > BUFFER_BYTES) this.flush();
    if (text.length * 3 > BUFFER_BYTES) {
      this.write(Buffer.from(text, "utf8"));
      return;
    }
    this.used += this.buffer.write(text, this.used, "utf8");
  }
  private write(buf: Buffer): void {
    this.hash.update(buf);
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off);
    this.bytes += buf.length;
  }
  private flush(): void {
    if (this.used === 0) return;
    this.write(this.buffer.subarray(0, this.used));
    this.used = 0;
  }
  /** Flushes, closes, and returns the file's sha256 and size in bytes. */
  close(): { sha256: string; bytes: number } {
    this.spill();
    this.flush();
    closeSync(this.fd);
    return { sha256: this.hash.digest("hex"), bytes: this.bytes };
  }
}

/** A file written by a run: name, sha256, size. */
export interface WrittenFile {
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** Writes a small text file whole and returns its record. */
export function writeText(dir: string, name: string, text: string): WrittenFile {
  const f = new ChunkedFile(join(dir, name));
  f.add(text);
  return { name, ...f.close() };
}
