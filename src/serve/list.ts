import type { ProjectRow, ProjectStore } from "./store.js";
import type { OrderKey } from "./orders.js";
import { PER_PAGE, type ApiError, type ListQuery } from "./query.js";

// Bounds the LRU by entries too: empty results weigh nothing but still take a slot.
const MAX_CACHED_QUERIES = 1024;

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

/**
 * Answers list queries over a store. Filtered results are kept in a small
 * LRU (by order and filters), so paging through a search or repeating a
 * popular one does not scan every project again; the memory it may hold is
 * bounded by `maxCachedPositions` (4 bytes each) and 1024 queries.
 */
export class ProjectList {
  readonly #store: ProjectStore;
  readonly #cache = new Map<string, Uint32Array>();
  readonly #ranks = new Map<OrderKey, Uint32Array>();
  readonly #maxCachedPositions: number;
  #cachedPositions = 0;

  constructor(store: ProjectStore, maxCachedPositions = 8_000_000) {
    this.#store = store;
    this.#maxCachedPositions = maxCachedPositions;
  }

  /** Project positions matching the query's filters, in the query's order. */
  matching(query: ListQuery): Uint32Array {
    const order = this.#store.order(query.order);
    if (query.nome === undefined && query.complexidadeGt === undefined) return order;
    const key = `${query.order}\u0000${query.nome ?? ""}\u0000${query.complexidadeGt ?? ""}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    const found = this.#filter(order, query);
    this.#remember(key, found);
    return found;
  }

  /** The page the query asks for, or an error when the page is past the last one. */
  page(query: ListQuery, base: string, search: URLSearchParams): ListPage | ApiError {
    const positions = this.matching(query);
    const total = positions.length;
    const lastPage = Math.max(1, Math.ceil(total / PER_PAGE));
    if (query.page > lastPage) {
      return { status: 400, error: `page ${query.page} is past the last page (${lastPage})`, parameter: "page" };
    }
    const start = (query.page - 1) * PER_PAGE;
    const end = Math.min(start + PER_PAGE, total);
    const data: ApiProject[] = [];
    for (let i = start; i < end; i++) data.push(apiProject(this.#store.row(positions[i]!), base));
    return {
      next_page_url: query.page < lastPage ? pageUrl(base, search, query.page + 1) : null,
      prev_page_url: query.page > 1 ? pageUrl(base, search, query.page - 1) : null,
      per_page: PER_PAGE,
      current_page: query.page,
      last_page: lastPage,
      from: total === 0 ? 0 : start + 1,
      to: end,
      total,
      data,
    };
  }

  #filter(order: Uint32Array, query: ListQuery): Uint32Array {
    const named = query.nome === undefined ? undefined : this.#named(query.nome);
    const { complexidade } = this.#store.columns;
    const gt = query.complexidadeGt;
    const keep = (position: number) => gt === undefined || complexidade[position]! > gt;
    // Few matches: sort them by their rank in the order. Many: walk the order once.
    if (named !== undefined && named.length * 32 < order.length) {
      const rank = this.#rank(query.order);
      return named.filter(keep).sort((a, b) => rank[a]! - rank[b]!);
    }
    const wanted = named === undefined ? undefined : new Uint8Array(order.length);
    if (wanted !== undefined) for (const position of named!) wanted[position] = 1;
    const found = new Uint32Array(named?.length ?? order.length);
    let n = 0;
    for (let i = 0; i < order.length; i++) {
      const position = order[i]!;
      if ((wanted === undefined || wanted[position] === 1) && keep(position)) found[n++] = position;
    }
    return found.slice(0, n);
  }

  /** Positions (ascending) whose folded name contains `nome`: the trigram index, or a scan for 1–2 characters. */
  #named(nome: string): Uint32Array {
    const indexed = this.#store.search.find(nome);
    if (indexed !== undefined) return indexed;
    const { busca } = this.#store.columns;
    const found = new Uint32Array(busca.length);
    let n = 0;
    for (let position = 0; position < busca.length; position++) if (busca[position]!.includes(nome)) found[n++] = position;
    return found.slice(0, n);
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

  #remember(key: string, positions: Uint32Array): void {
    if (positions.length > this.#maxCachedPositions) return;
    this.#cache.set(key, positions);
    this.#cachedPositions += positions.length;
    for (const [oldKey, old] of this.#cache) {
      if (this.#cachedPositions <= this.#maxCachedPositions && this.#cache.size <= MAX_CACHED_QUERIES) break;
      this.#cache.delete(oldKey);
      this.#cachedPositions -= old.length;
    }
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
