import type { ProjectRow, ProjectStore } from "./store.js";
import { LruCache } from "./lru.js";
import type { OrderKey } from "./orders.js";
import { PER_PAGE, type ApiError, type ListQuery } from "./query.js";

/** A project in API form: its row plus the link to its details. */
export type ApiProject = ProjectRow & { links: { details: string } };

/** The body of `GET /v1/projects/` (the original API's pagination envelope). */
export interface ListPage {
  next_page_url: string | null;
  prev_page_url: string | null;
  per_page: number;
  current_page: number;
  last_page: number;
  from: number;
  to: number;
  total: number;
  data: ApiProject[];
}

/** Adds the details link to a row; `base` is the scheme and host the request came to. */
export function apiProject(row: ProjectRow, base: string): ApiProject {
  return { ...row, links: { details: `${base}/v1/projects/${row.pronac}/details/` } };
}

/** The projects of a page of a query, and how many match in all. */
export interface Selection {
  total: number;
  /** Positions of the projects ranked `from` to `to` (exclusive) in the query's order. */
  positions: Uint32Array;
}

/** The projects whose folded name contains a search text, and (when many) the same as a bitmap. */
interface NameMatches {
  positions: Uint32Array;
  bitmap?: Uint8Array;
}

/**
 * Answers list queries over a store without materialising whole results: the
 * total is counted, and only the requested page is ranked. Name matches are
 * found through the trigram index; few matches are sorted by their rank in
 * the order (and kept in an LRU per query); many are kept as a bitmap and
 * picked while walking the order from its start, which stops at the page's
 * end. Memory held by the caches is bounded (see the LRU bounds below).
 */
export class ProjectList {
  readonly #store: ProjectStore;
  /** Search text → its matches (≈ 4 bytes per match + 1 byte per project for a bitmap). */
  readonly #names: LruCache<NameMatches>;
  /** Order, text and threshold → the few matches above the threshold, ranked. */
  readonly #ranked = new LruCache<Uint32Array>(1024, 2_000_000);
  /** Text and threshold → how many matches are above it. */
  readonly #counts = new LruCache<{ count: number }>(4096, 4096, () => 1);
  readonly #ranks = new Map<OrderKey, Uint32Array>();

  constructor(store: ProjectStore) {
    this.#store = store;
    this.#names = new LruCache<NameMatches>(512, 64_000_000, (m) => 4 * m.positions.length + (m.bitmap?.length ?? 0));
  }

  /** The projects ranked `from` to `to` (exclusive) among those matching the query, in its order. */
  select(query: ListQuery, from: number, to: number): Selection {
    const n = this.#store.size;
    const order = this.#store.order(query.order);
    const gt = query.complexidadeGt;
    const names = query.nome === undefined ? undefined : this.#named(query.nome);
    if (names === undefined && gt === undefined) return { total: n, positions: order.subarray(from, Math.min(to, n)) };
    const total = names === undefined ? this.#countAbove(gt!) : this.#count(query.nome!, names.positions, gt);
    // Few matches: rank them all (cached per query). Many (1 in 32 or more): walk
    // the order from its start, which finds a page's worth after ~32 × `to` steps.
    if (total * 32 < n || (names !== undefined && names.bitmap === undefined)) {
      const ranked = this.#rankedMatches(query, names?.positions);
      return { total, positions: ranked.subarray(from, Math.min(to, ranked.length)) };
    }
    const { complexidade } = this.#store.columns;
    const bitmap = names?.bitmap;
    const positions = new Uint32Array(Math.max(0, Math.min(to, total) - from));
    for (let i = 0, rank = 0, k = 0; i < n && k < positions.length; i++) {
      const position = order[i]!;
      if (bitmap !== undefined && bitmap[position] === 0) continue;
      if (gt !== undefined && !(complexidade[position]! > gt)) continue;
      if (rank++ >= from) positions[k++] = position;
    }
    return { total, positions };
  }

  /** The page the query asks for, or an error when the page is past the last one. */
  page(query: ListQuery, base: string, search: URLSearchParams): ListPage | ApiError {
    const start = (query.page - 1) * PER_PAGE;
    const { total, positions } = this.select(query, start, start + PER_PAGE);
    const lastPage = Math.max(1, Math.ceil(total / PER_PAGE));
    if (query.page > lastPage) {
      return { status: 400, error: `page ${query.page} is past the last page (${lastPage})`, parameter: "page" };
    }
    const data: ApiProject[] = [];
    for (const position of positions) data.push(apiProject(this.#store.row(position), base));
    return {
      next_page_url: query.page < lastPage ? pageUrl(base, search, query.page + 1) : null,
      prev_page_url: query.page > 1 ? pageUrl(base, search, query.page - 1) : null,
      per_page: PER_PAGE,
      current_page: query.page,
      last_page: lastPage,
      from: total === 0 ? 0 : start + 1,
      to: start + positions.length,
      total,
      data,
    };
  }

  /** Projects whose folded name contains `nome`: the trigram index, or a byte scan for 1–2 characters. */
  #named(nome: string): NameMatches {
    let found = this.#names.get(nome);
    if (found === undefined) {
      const positions = this.#store.search.find(nome) ?? this.#store.columns.busca.containing(nome);
      found = { positions };
      // Many matches are picked while walking the order: a bitmap makes each test O(1).
      if (positions.length * 32 >= this.#store.size) {
        found.bitmap = new Uint8Array(this.#store.size);
        for (const position of positions) found.bitmap[position] = 1;
      }
      this.#names.set(nome, found);
    }
    return found;
  }

  /** Every match of the query (name matches, or else all projects), above the threshold, ranked in its order. */
  #rankedMatches(query: ListQuery, names: Uint32Array | undefined): Uint32Array {
    const key = `${query.order}\u0000${query.nome ?? ""}\u0000${query.complexidadeGt ?? ""}`;
    let ranked = this.#ranked.get(key);
    if (ranked === undefined) {
      const { complexidade } = this.#store.columns;
      const gt = query.complexidadeGt;
      // Without a name, the projects above the threshold are the tail of the ascending order.
      const candidates = names ?? this.#store.order("complexidade").subarray(this.#store.size - this.#countAbove(gt!));
      const kept = gt === undefined || names === undefined ? candidates.slice() : candidates.filter((p) => complexidade[p]! > gt);
      const rank = this.#rank(query.order);
      ranked = kept.sort((a, b) => rank[a]! - rank[b]!);
      this.#ranked.set(key, ranked);
    }
    return ranked;
  }

  #count(nome: string, matches: Uint32Array, gt: number | undefined): number {
    if (gt === undefined) return matches.length;
    const key = `${nome}\u0000${gt}`;
    let cached = this.#counts.get(key);
    if (cached === undefined) {
      const { complexidade } = this.#store.columns;
      let count = 0;
      for (const position of matches) if (complexidade[position]! > gt) count++;
      cached = { count };
      this.#counts.set(key, cached);
    }
    return cached.count;
  }

  /** How many projects have complexidade > gt: a binary search in the ascending order. */
  #countAbove(gt: number): number {
    const ascending = this.#store.order("complexidade");
    const { complexidade } = this.#store.columns;
    let low = 0;
    let high = ascending.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (complexidade[ascending[middle]!]! > gt) high = middle;
      else low = middle + 1;
    }
    return ascending.length - low;
  }

  /** rank[position] = where the project comes in `key`'s order (computed once per order). */
  #rank(key: OrderKey): Uint32Array {
    let rank = this.#ranks.get(key);
    if (rank === undefined) {
      const order = this.#store.order(key);
      rank = new Uint32Array(order.length);
      for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
      this.#ranks.set(key, rank);
    }
    return rank;
  }
}

// Like the original (Django REST framework): the other parameters are kept,
// and page 1 is the URL without `page`.
function pageUrl(base: string, search: URLSearchParams, page: number): string {
  const params = new URLSearchParams(search);
  if (page === 1) params.delete("page");
  else params.set("page", String(page));
  const query = params.toString();
  return `${base}/v1/projects/${query === "" ? "" : `?${query}`}`;
}
