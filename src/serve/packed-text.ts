/**
 * A column of strings kept as UTF-8 bytes with an offset index, decoded only
 * when a value is asked for. Restarting at national scale, decoding and
 * splitting 4 × 210k strings took ~0.6 s of the 1 s budget; the service only
 * ever shows 15 rows at a time, and searches the bytes directly.
 */
export interface TextColumn {
  readonly length: number;
  get(position: number): string;
  /** Positions (ascending) whose text contains `needle`. */
  containing(needle: string): Uint32Array;
  /** Whether the text at `position` contains `needle`. */
  includes(position: number, needle: string): boolean;
}

/**
 * Texts joined by NUL (`bytes`), with `starts[i]` the first byte of text i and
 * `starts[length]` one past the last separator (bytes.length + 1). A needle
 * never holds a NUL, so a match never spans two texts.
 */
export class PackedText implements TextColumn {
  readonly #bytes: Buffer;
  readonly #starts: Uint32Array;

  constructor(bytes: Buffer, starts: Uint32Array) {
    this.#bytes = bytes;
    this.#starts = starts;
  }

  /** Packs strings (a NUL inside one, never meaningful, becomes a space). */
  static pack(texts: readonly string[]): { bytes: Buffer; starts: Uint32Array } {
    const parts = texts.map((text) => Buffer.from(text.replaceAll("\0", " ")));
    const starts = new Uint32Array(texts.length + 1);
    let offset = 0;
    parts.forEach((part, i) => {
      starts[i] = offset;
      offset += part.length + 1;
    });
    starts[texts.length] = offset;
    const joined = Buffer.alloc(Math.max(0, offset - 1));
    parts.forEach((part, i) => part.copy(joined, starts[i]!));
    return { bytes: joined, starts };
  }

  get length(): number {
    return this.#starts.length - 1;
  }

  get(position: number): string {
    return this.#bytes.toString("utf8", this.#starts[position]!, this.#starts[position + 1]! - 1);
  }

  containing(needle: string): Uint32Array {
    const found: number[] = [];
    if (needle.includes("\0")) return new Uint32Array(0);
    const pattern = Buffer.from(needle);
    for (let at = this.#bytes.indexOf(pattern, 0); at !== -1; ) {
      const position = this.#positionOf(at);
      found.push(position);
      const next = this.#starts[position + 1]!;
      at = next >= this.#bytes.length ? -1 : this.#bytes.indexOf(pattern, next);
    }
    return Uint32Array.from(found);
  }

  includes(position: number, needle: string): boolean {
    if (needle.includes("\0")) return false;
    return this.#bytes.subarray(this.#starts[position]!, this.#starts[position + 1]! - 1).includes(needle);
  }

  // The text holding byte `at`: the last start at or before it.
  #positionOf(at: number): number {
    let low = 0;
    let high = this.#starts.length - 2;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.#starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

/** A TextColumn over strings in memory (tests, and a column being built). */
export function textColumn(texts: readonly string[]): TextColumn {
  const { bytes, starts } = PackedText.pack(texts);
  return new PackedText(bytes, starts);
}
