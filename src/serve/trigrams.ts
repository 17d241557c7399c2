import type { TextColumn } from "./packed-text.js";

/**
 * A trigram index over folded names, for `nome__icontains` at national scale:
 * scanning 210k names costs ~25 ms, too slow to answer thousands of distinct
 * searches a second; intersecting the posting lists of the needle's trigrams
 * and checking only those candidates costs well under a millisecond for a
 * typical word. Built once with the cache entry, loaded as two binary arrays.
 */
export interface TrigramIndex {
  /** Distinct trigrams, sorted. */
  readonly keys: readonly string[];
  /** Posting list of `keys[k]` is `postings[starts[k] .. starts[k + 1]]`. */
  readonly starts: Uint32Array;
  /** Text positions, ascending within each list. */
  readonly postings: Uint32Array;
}

/** Indexes every 3-character substring of each text (texts already folded). */
export function buildTrigramIndex(texts: readonly string[]): TrigramIndex {
  const lists = new Map<string, number[]>();
  texts.forEach((text, position) => {
    for (let i = 0; i + 3 <= text.length; i++) {
      const gram = text.slice(i, i + 3);
      const list = lists.get(gram);
      if (list === undefined) lists.set(gram, [position]);
      else if (list[list.length - 1] !== position) list.push(position);
    }
  });
  const keys = [...lists.keys()].sort();
  const starts = new Uint32Array(keys.length + 1);
  let total = 0;
  keys.forEach((key, k) => {
    starts[k] = total;
    total += lists.get(key)!.length;
  });
  starts[keys.length] = total;
  const postings = new Uint32Array(total);
  keys.forEach((key, k) => postings.set(lists.get(key)!, starts[k]));
  return { keys, starts, postings };
}

/** Finds the texts that contain a needle, through a {@link TrigramIndex}. */
export class TrigramSearch {
  readonly #index: TrigramIndex;
  readonly #texts: TextColumn;
  readonly #keyOf = new Map<string, number>();

  constructor(index: TrigramIndex, texts: TextColumn) {
    this.#index = index;
    this.#texts = texts;
    index.keys.forEach((key, k) => this.#keyOf.set(key, k));
  }

  /**
   * Positions (ascending) of the texts containing `needle` (folded, at least
   * 3 characters); undefined for a shorter needle, which the index cannot
   * narrow down.
   */
  find(needle: string): Uint32Array | undefined {
    if (needle.length < 3) return undefined;
    const lists: Uint32Array[] = [];
    for (let i = 0; i + 3 <= needle.length; i++) {
      const k = this.#keyOf.get(needle.slice(i, i + 3));
      if (k === undefined) return new Uint32Array(0);
      lists.push(this.#index.postings.subarray(this.#index.starts[k]!, this.#index.starts[k + 1]!));
    }
    lists.sort((a, b) => a.length - b.length);
    let candidates = lists[0]!;
    for (let l = 1; l < lists.length && candidates.length > 0; l++) candidates = intersect(candidates, lists[l]!);
    // Every trigram present does not make a substring ("abcxbcd" has those of "abcd"): check.
    if (needle.length === 3) return candidates.slice();
    const found = new Uint32Array(candidates.length);
    let n = 0;
    for (const position of candidates) if (this.#texts.includes(position, needle)) found[n++] = position;
    return found.slice(0, n);
  }
}

function intersect(small: Uint32Array, large: Uint32Array): Uint32Array {
  const out = new Uint32Array(small.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < small.length && j < large.length; i++) {
    const value = small[i]!;
    while (j < large.length && large[j]! < value) j++;
    if (large[j] === value) out[n++] = value;
  }
  return out.subarray(0, n);
}
