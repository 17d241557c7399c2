/**
 * A least-recently-used cache of arrays, bounded both by entries and by the
 * total length of the arrays it holds (so that memory stays bounded whatever
 * mix of small and large results it sees).
 */
export class LruCache<V extends { readonly length: number }> {
  readonly #map = new Map<string, V>();
  readonly #maxEntries: number;
  readonly #maxTotal: number;
  #total = 0;

  constructor(maxEntries: number, maxTotal: number) {
    this.#maxEntries = maxEntries;
    this.#maxTotal = maxTotal;
  }

  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  /** Stores `value` (not when it alone exceeds the total bound), evicting the least recently used. */
  set(key: string, value: V): void {
    if (value.length > this.#maxTotal) return;
    const old = this.#map.get(key);
    if (old !== undefined) {
      this.#map.delete(key);
      this.#total -= old.length;
    }
    this.#map.set(key, value);
    this.#total += value.length;
    for (const [oldest, entry] of this.#map) {
      if (this.#total <= this.#maxTotal && this.#map.size <= this.#maxEntries) break;
      this.#map.delete(oldest);
      this.#total -= entry.length;
    }
  }

  get size(): number {
    return this.#map.size;
  }

  /** Sum of the lengths of the arrays held. */
  get total(): number {
    return this.#total;
  }
}
