/**
 * Packs texts as UTF-8 into buffers of at most `size` bytes (a text that
 * alone could exceed `size` gets a buffer of its own). Encoding each text
 * straight into a preallocated buffer skips the rope of concatenated strings
 * that would otherwise be flattened and encoded again when written: at
 * national scale, a second of the write stage.
 */
export function* utf8Chunks(texts: Iterable<string>, size = 1 << 20): Generator<Buffer> {
  let buffer = Buffer.allocUnsafe(size);
  let used = 0;
  for (const text of texts) {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 4 for 2).
    if (used + text.length * 3 > size) {
      if (used > 0) {
        yield buffer.subarray(0, used);
        buffer = Buffer.allocUnsafe(size);
        used = 0;
      }
      if (text.length * 3 > size) {
        yield Buffer.from(text, "utf8");
        continue;
      }
    }
    used += buffer.write(text, used, "utf8");
  }
  if (used > 0) yield buffer.subarray(0, used);
}
