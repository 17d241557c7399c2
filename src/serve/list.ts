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

/**
 * Answers list queries over a store. Two LRU caches keep repeated work away:
 * the projects whose name contains a search text (whatever the order), and
 * the filtered, ordered positions of a whole query (for paging through it).
 * Together they hold at most `maxCachedPositions` positions (4 bytes each).
 */
export class ProjectList {
  readonly #store: ProjectStore;
  readonly #queries: LruCache<Uint32Array>;
  readonly #names: LruCache<Uint32Array>;
  readonly #ranks = new Map<OrderKey, Uint32Array>();

  constructor(store: ProjectStore, maxCachedPositions = 8_000_000) {
    this.#store = store;
    this.#queries = new LruCache(1024, maxCachedPositions / 2);
    this.#names = new LruCache(4096, maxCachedPositions / 2);
  }

  /** Project positions matching the query's filters, in the query's order. */
  matching(query: ListQuery): Uint32Array {
    const order = this.#store.order(query.order);
    if (query.nome === undefined && query.complexidadeGt === undefined) return order;
    const key = `${query.order}\u0000${query.nome ?? ""}\u0000${query.complexidadeGt ?? ""}`;
    let found = this.#queries.get(key);
    if (found === undefined) {
      found = this.#filter(order, query);
      this.#queries.set(key, found);
    }
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

  /** Positions (ascending) whose folded name contains `nome`: the trigram index, or a byte scan for 1–2 characters. */
  #named(nome: string): Uint32Array {
    let found = this.#names.get(nome);
    if (found === undefined) {
      found = this.#store.search.find(nome) ?? this.#store.columns.busca.containing(nome);
      this.#names.set(nome, found);
    }
    return found;
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
