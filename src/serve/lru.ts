/**
 * A least-recently-used cache bounded both by entries and by the total weight
 * of what it holds (by default an array's length), so that memory stays
 * bounded whatever mix of small and large values it sees.
 */
export class LruCache<V> {
  readonly #map = new Map<string, V>();
  readonly #maxEntries: number;
  readonly #maxTotal: number;
  readonly #weigh: (value: V) => number;
  #total = 0;

  constructor(maxEntries: number, maxTotal: number, weigh: (value: V) => number = (value) => (value as { length: number }).length) {
    this.#maxEntries = maxEntries;
    this.#maxTotal = maxTotal;
    this.#weigh = weigh;
  }

  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  /** Stores `value` (not when it alone outweighs the total bound), evicting the least recently used. */
  set(key: string, value: V): void {
    const weight = this.#weigh(value);
    if (weight > this.#maxTotal) return;
    const old = this.#map.get(key);
    if (old !== undefined) {
      this.#map.delete(key);
      this.#total -= this.#weigh(old);
    }
    this.#map.set(key, value);
    this.#total += weight;
    for (const [oldest, entry] of this.#map) {
      if (this.#total <= this.#maxTotal && this.#map.size <= this.#maxEntries) break;
      this.#map.delete(oldest);
      this.#total -= this.#weigh(entry);
    }
  }

  get size(): number {
    return this.#map.size;
  }

  /** Sum of the weights of the values held. */
  get total(): number {
    return this.#total;
  }
}
