import type { ProjectRow, ProjectStore } from "./store.js";
import type { Responsaveis } from "./analysts.js";
import { byCodeUnit } from "../util/order.js";
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

/**
 * Adds the details link to a row. `base` is the service's configured public
 * URL, or "" for a path: never the request's Host, which a client chooses.
 */
export function apiProject(row: ProjectRow, base: string, responsaveis?: Responsaveis): ApiProject {
  return {
    pronac: row.pronac,
    nome: row.nome,
    responsavel: responsaveis?.of(row.pronac) ?? row.responsavel,
    proponente: row.proponente,
    verified_funds: row.verified_funds,
    raised_funds: row.raised_funds,
    complexidade: row.complexidade,
    links: { details: `${base}/v1/projects/${row.pronac}/details/` },
  };
}

/** The projects of a page of a query, and how many match in all. */
export interface Selection {
  total: number;
  /** Positions of the projects ranked `from` to `to` (exclusive) in the query's order. */
  positions: Uint32Array;
}

/**
 * The projects whose folded name contains a search text: their positions
 * (ascending), or for a text found in more than a quarter of the names a
 * bitmap, which is then the smaller of the two.
 */
interface NameMatches {
  count: number;
  positions?: Uint32Array;
  bitmap?: Uint8Array;
}

/**
 * Answers list queries over a store without materialising whole results: the
 * total is counted, and only the requested page is ranked.
 *
 * - Names are found through the trigram index (or a byte scan for 1–2
 *   characters); the matches of recent search texts are kept in an LRU (at
 *   most 64 MB).
 * - Name matches listed (at most a quarter of the projects), or few projects
 *   above a threshold (under 1 in 32): their ranks in the order are
 *   collected and the page's worth of smallest ones picked — about one pass
 *   over the candidates, whatever the order, so no cache is needed.
 * - Otherwise (a name in over a quarter of the projects, kept as a bitmap; or
 *   a threshold alone that many projects pass): the order is walked from its
 *   start (or from where complexity passes the threshold, when ordered by
 *   it) until the page is full, each test O(1).
 */
export class ProjectList {
  readonly #store: ProjectStore;
  readonly #names = new LruCache<NameMatches>(4096, 16_000_000, (m) => (m.positions?.length ?? 0) + (m.bitmap?.length ?? 0) / 4);
  /** Text and threshold → how many matches are above it. */
  readonly #counts = new LruCache<{ count: number }>(16_384, 16_384, () => 1);
  /** Order, text, threshold and page end → the first ranked matches (mostly a first page: 15 positions). */
  readonly #firsts = new LruCache<Uint32Array>(16_384, 4_000_000);
  readonly #ranks = new Map<string, Uint32Array>();
  readonly #responsaveis: Responsaveis | undefined;
  /** The orders by responsavel for one version of who has what. */
  #byResponsavel: { version: number; ascending: Uint32Array; descending: Uint32Array } | undefined;

  constructor(store: ProjectStore, responsaveis?: Responsaveis) {
    this.#store = store;
    this.#responsaveis = responsaveis;
  }

  /**
   * The order of a key. Who has a project changes while serving, so the
   * orders by responsavel are made from the few taken projects whenever that
   * changes: " " (nobody) sorts before any name, ties in PRONAC order.
   */
  #order(key: OrderKey): Uint32Array {
    if (this.#responsaveis === undefined || (key !== "responsavel" && key !== "-responsavel")) return this.#store.order(key);
    const version = this.#responsaveis.version;
    if (this.#byResponsavel?.version !== version) {
      const taken: { position: number; name: string }[] = [];
      for (const [pronac] of this.#responsaveis.taken()) {
        const position = this.#store.position(pronac);
        if (position !== undefined) taken.push({ position, name: this.#responsaveis.of(pronac) });
      }
      const isTaken = new Uint8Array(this.#store.size);
      for (const { position } of taken) isTaken[position] = 1;
      const free: number[] = [];
      for (let i = 0; i < this.#store.size; i++) if (isTaken[i] === 0) free.push(i);
      const up = [...taken].sort((a, b) => byCodeUnit(a.name, b.name) || a.position - b.position).map((t) => t.position);
      const down = [...taken].sort((a, b) => byCodeUnit(b.name, a.name) || a.position - b.position).map((t) => t.position);
      this.#byResponsavel = { version, ascending: Uint32Array.from([...free, ...up]), descending: Uint32Array.from([...down, ...free]) };
      this.#ranks.delete("responsavel");
      this.#ranks.delete("-responsavel");
    }
    return key === "responsavel" ? this.#byResponsavel.ascending : this.#byResponsavel.descending;
  }

  /** A key as caches name it: orders by responsavel are those of the current version. */
  #tag(key: OrderKey): string {
    return key === "responsavel" || key === "-responsavel" ? `${key}@${this.#responsaveis?.version ?? 0}` : key;
  }

  /** The projects ranked `from` to `to` (exclusive) among those matching the query, in its order. */
  select(query: ListQuery, from: number, to: number): Selection {
    const n = this.#store.size;
    const order = this.#order(query.order);
    const gt = query.complexidadeGt;
    const names = query.nome === undefined ? undefined : this.#named(query.nome);
    if (names === undefined && gt === undefined) return { total: n, positions: order.subarray(from, Math.min(to, n)) };
    const total = names === undefined ? this.#countAbove(gt!) : this.#count(query.nome!, names, gt);
    const { complexidade } = this.#store.columns;
    // Listed name matches (at most a quarter of the projects) or few projects above the
    // threshold: rank the candidates. Otherwise walk the order (see the class comment).
    if (total * 32 < n || (names !== undefined && names.bitmap === undefined)) {
      const ranked = this.#ranked(query.order, names, gt, to, query.nome);
      return { total, positions: ranked.subarray(Math.min(from, ranked.length)) };
    }
    // Ordered by complexity, the projects above a threshold are one end of the order: skip the rest.
    let start = 0;
    let end = n;
    if (gt !== undefined && query.order === "complexidade") start = n - this.#countAbove(gt);
    if (gt !== undefined && query.order === "-complexidade") end = this.#countAbove(gt);
    const positions = new Uint32Array(Math.max(0, Math.min(to, total) - from));
    for (let i = start, rank = 0, k = 0; i < end && k < positions.length; i++) {
      const position = order[i]!;
      if (names !== undefined && !contains(names, position)) continue;
      if (gt !== undefined && !(complexidade[position]! > gt)) continue;
      if (rank++ >= from) positions[k++] = position;
    }
    return { total, positions };
  }

  /** The page the query asks for, or an error when the page is past the last one; links start with `base` (see apiProject). */
  page(query: ListQuery, base: string, search: URLSearchParams): ListPage | ApiError {
    const start = (query.page - 1) * PER_PAGE;
    const { total, positions } = this.select(query, start, start + PER_PAGE);
    const lastPage = Math.max(1, Math.ceil(total / PER_PAGE));
    if (query.page > lastPage) {
      return { status: 400, error: `page ${query.page} is past the last page (${lastPage})`, parameter: "page" };
    }
    const data: ApiProject[] = [];
    for (const position of positions) data.push(apiProject(this.#store.row(position), base, this.#responsaveis));
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

  #named(nome: string): NameMatches {
    let found = this.#names.get(nome);
    if (found === undefined) {
      const positions = this.#store.search.find(nome) ?? this.#store.columns.busca.containing(nome);
      if (positions.length * 4 > this.#store.size) {
        const bitmap = new Uint8Array(this.#store.size);
        for (const position of positions) bitmap[position] = 1;
        found = { count: positions.length, bitmap };
      } else {
        found = { count: positions.length, positions };
      }
      this.#names.set(nome, found);
    }
    return found;
  }

  /**
   * The first `to` matches (of the name, else every project) above the
   * threshold, in the order: their ranks, kept as plain numbers (native
   * sorts, no comparator), mapped back through the order.
   */
  #ranked(key: OrderKey, names: NameMatches | undefined, gt: number | undefined, to: number, nome = ""): Uint32Array {
    const cacheKey = `${this.#tag(key)}\u0000${nome}\u0000${gt ?? ""}\u0000${to}`;
    const cached = this.#firsts.get(cacheKey);
    if (cached !== undefined) return cached;
    const { complexidade } = this.#store.columns;
    const order = this.#order(key);
    const rank = this.#rank(key);
    // Candidates: the name's matches (when listed), each tested against the threshold in
    // O(1); or, when much fewer, the projects above the threshold (the tail of the
    // ascending order), each tested against the name in O(log k) or O(1) (bitmap).
    const above = gt === undefined ? undefined : this.#store.order("complexidade").subarray(this.#store.size - this.#countAbove(gt));
    const listed = names?.positions;
    const fromNames = listed !== undefined && (above === undefined || listed.length <= 16 * above.length);
    const candidates = fromNames ? listed! : above!;
    const ranks = new Uint32Array(candidates.length);
    let k = 0;
    for (const position of candidates) {
      const kept = fromNames ? gt === undefined || complexidade[position]! > gt : names === undefined || contains(names, position);
      if (kept) ranks[k++] = rank[position]!;
    }
    // A copy: `smallest` may return a view of `ranks`, which would pin all of it in the cache.
    const first = smallest(ranks.subarray(0, k), to).slice();
    for (let i = 0; i < first.length; i++) first[i] = order[first[i]!]!;
    this.#firsts.set(cacheKey, first);
    return first;
  }

  #count(nome: string, names: NameMatches, gt: number | undefined): number {
    if (gt === undefined) return names.count;
    const key = `${nome}\u0000${gt}`;
    let cached = this.#counts.get(key);
    if (cached === undefined) {
      const { complexidade } = this.#store.columns;
      let count = 0;
      if (names.positions !== undefined) {
        for (const position of names.positions) if (complexidade[position]! > gt) count++;
      } else {
        for (let position = 0; position < names.bitmap!.length; position++) {
          if (names.bitmap![position] === 1 && complexidade[position]! > gt) count++;
        }
      }
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
    const order = this.#order(key);
    let rank = this.#ranks.get(key);
    if (rank === undefined) {
      rank = new Uint32Array(order.length);
      for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
      this.#ranks.set(key, rank);
    }
    return rank;
  }
}

/**
 * The `m` smallest values, ascending. Sorting everything costs k log k; for a
 * first page of a large set, a buffer of 2m values is sorted only when it
 * fills, and values above its m-th are skipped, which is close to one pass.
 */
export function smallest(values: Uint32Array, m: number): Uint32Array {
  if (values.length <= 2 * m || values.length <= 2048) return values.slice().sort().subarray(0, Math.min(m, values.length));
  const buffer = new Uint32Array(2 * m);
  let n = 0;
  let threshold = Number.POSITIVE_INFINITY;
  for (const value of values) {
    if (value >= threshold) continue;
    buffer[n++] = value;
    if (n === buffer.length) {
      buffer.sort();
      n = m;
      threshold = buffer[m - 1]!;
    }
  }
  return buffer.subarray(0, n).sort().subarray(0, Math.min(m, n));
}

function contains(names: NameMatches, position: number): boolean {
  if (names.bitmap !== undefined) return names.bitmap[position] === 1;
  const positions = names.positions!;
  let low = 0;
  let high = positions.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = positions[middle]!;
    if (value === position) return true;
    if (value < position) low = middle + 1;
    else high = middle - 1;
  }
  return false;
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
