import { describe, expect, it } from "vitest";
import type { EntryMeta, ListColumns, StoredColumns } from "./entry.js";
import { ProjectList, smallest } from "./list.js";
import { ORDER_KEYS, sortPermutation, type OrderKey } from "./orders.js";
import type { ListQuery } from "./query.js";
import type { ProjectStore } from "./store.js";
import { textColumn } from "./packed-text.js";
import { buildTrigramIndex, TrigramSearch } from "./trigrams.js";

// 400 projects "projeto 000".."projeto 399" (position 10 is "musica rara"), complexidade = position % 7.
function store(complexity: (position: number) => number = (i) => i % 7): ProjectStore {
  const n = 400;
  const columns: ListColumns = {
    pronac: Array.from({ length: n }, (_, i) => String(100 + i)),
    nome: Array.from({ length: n }, (_, i) => (i === 10 ? "musica rara" : `projeto ${String(i).padStart(3, "0")}`)),
    proponente: Array.from({ length: n }, () => "***"),
    complexidade: Float64Array.from({ length: n }, (_, i) => complexity(i)),
    verified_funds: new Float64Array(n),
    raised_funds: new Float64Array(n),
    busca: [],
  };
  columns.busca = columns.nome;
  const orders = new Map(ORDER_KEYS.map((key) => [key, sortPermutation(columns, key)]));
  const stored: StoredColumns = {
    ...columns,
    pronac: textColumn(columns.pronac),
    nome: textColumn(columns.nome),
    proponente: textColumn(columns.proponente),
    busca: textColumn(columns.busca),
  };
  return {
    meta: {} as EntryMeta,
    dir: "",
    size: n,
    columns: stored,
    search: new TrigramSearch(buildTrigramIndex(columns.busca), stored.busca),
    position: (pronac) => columns.pronac.indexOf(pronac),
    order: (key: OrderKey) => orders.get(key)!,
    row: () => {
      throw new Error("not used");
    },
    details: async () => Buffer.alloc(0),
    close: async () => {},
  };
}

const query = (q: Partial<ListQuery>): ListQuery => ({ page: 1, order: "-complexidade", ...q });

describe("ProjectList.select pages", () => {
  const list = new ProjectList(store());

  it("gives the total and only the ranks asked for, dense or sparse, filtered or not", () => {
    expect(list.select(query({}), 0, 3)).toEqual({ total: 400, positions: Uint32Array.from([6, 13, 20]) });
    expect(list.select(query({ complexidadeGt: 5 }), 55, 70)).toEqual({ total: 57, positions: Uint32Array.from([391, 398]) });
    expect(list.select(query({ nome: "projeto 1", complexidadeGt: 5 }), 1, 3)).toEqual({
      total: 14,
      positions: Uint32Array.from([111, 118]),
    });
    expect(list.select(query({ nome: "projeto 01" }), 8, 15)).toEqual({ total: 9, positions: Uint32Array.from([14]) });
    // Ascending complexity puts those above the threshold last: the walk starts there.
    expect(list.select(query({ complexidadeGt: 5, order: "complexidade" }), 0, 3)).toEqual({ total: 57, positions: Uint32Array.from([6, 13, 20]) });
    expect(list.select(query({ nome: "projeto 1", complexidadeGt: 4, order: "complexidade" }), 0, 3)).toEqual({
      total: 28,
      positions: Uint32Array.from([103, 110, 117]),
    });
    expect(list.select(query({ nome: "projeto 01" }), 20, 35)).toEqual({ total: 9, positions: new Uint32Array(0) });
  });
});

describe("ProjectList.select with few projects above the threshold", () => {
  // Only 0, 50, ..., 350 have complexidade 9: they are ranked, not walked for.
  const list = new ProjectList(store((i) => (i % 50 === 0 ? 9 : 0)));

  it("ranks them in any order", () => {
    expect(list.select(query({ complexidadeGt: 5, order: "-pronac" }), 0, 15)).toEqual({
      total: 8,
      positions: Uint32Array.from([350, 300, 250, 200, 150, 100, 50, 0]),
    });
    expect(list.select(query({ complexidadeGt: 5, order: "nome" }), 6, 15)).toEqual({ total: 8, positions: Uint32Array.from([300, 350]) });
    expect(list.select(query({ complexidadeGt: 5, nome: "projeto 1" }), 0, 15)).toEqual({ total: 2, positions: Uint32Array.from([100, 150]) });
    // "projeto" is in 399 names (kept as a bitmap): the few above the threshold are still ranked.
    expect(list.select(query({ complexidadeGt: 5, nome: "projeto", order: "-nome" }), 0, 15)).toEqual({
      total: 8,
      positions: Uint32Array.from([350, 300, 250, 200, 150, 100, 50, 0]),
    });
  });
});

describe("ProjectList.select", () => {
  const list = new ProjectList(store());
  const all = (q: ListQuery) => list.select(q, 0, Number.POSITIVE_INFINITY).positions;

  it("few matches (sorted by rank) come in the query's order", () => {
    expect([...all(query({ nome: "musica" }))]).toEqual([10]);
    // "projeto 011".."projeto 019": complexidade (i % 7) descending, ties by position.
    expect([...all(query({ nome: "projeto 01" }))]).toEqual([13, 12, 19, 11, 18, 17, 16, 15, 14]);
    expect([...all(query({ nome: "projeto 01", order: "-nome" }))]).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11]);
  });

  it("many matches (walked in order) come in the query's order", () => {
    const found = all(query({ nome: "projeto 1" }));
    expect(found.length).toBe(100);
    expect([...found.slice(0, 3)]).toEqual([104, 111, 118]);
    expect([...all(query({ nome: "projeto 1", order: "nome" })).slice(0, 3)]).toEqual([100, 101, 102]);
  });

  it("filters complexidade strictly above the value, with or without a name", () => {
    const found = all(query({ complexidadeGt: 5 }));
    expect(found.length).toBe(57);
    expect([...found.slice(0, 3)]).toEqual([6, 13, 20]);
    expect([...all(query({ nome: "projeto 02", complexidadeGt: 4 }))]).toEqual([20, 27, 26]);
    expect([...all(query({ nome: "musica", complexidadeGt: 3 }))]).toEqual([]);
  });

  it("scans for needles shorter than 3 characters", () => {
    expect([...all(query({ nome: "ca", order: "pronac" }))]).toEqual([10]);
    expect([...all(query({ nome: "39", order: "pronac" }))]).toEqual([39, 139, 239, 339, 390, 391, 392, 393, 394, 395, 396, 397, 398, 399]);
  });

  it("answers a repeated query the same way (from its caches)", () => {
    const first = all(query({ nome: "projeto 3" }));
    expect(all(query({ nome: "projeto 3" }))).toEqual(first);
    const few = all(query({ nome: "projeto 03" }));
    expect(all(query({ nome: "projeto 03" }))).toEqual(few);
  });
});

describe("smallest", () => {
  it("gives the m smallest values ascending, from small and from large inputs", () => {
    expect([...smallest(Uint32Array.from([5, 3, 9, 1]), 2)]).toEqual([1, 3]);
    expect([...smallest(Uint32Array.from([5, 3]), 15)]).toEqual([3, 5]);
    // 5000 values, descending: the buffer refills many times.
    const many = Uint32Array.from({ length: 5000 }, (_, i) => 5000 - i);
    expect([...smallest(many, 3)]).toEqual([1, 2, 3]);
    expect([...smallest(many, 1000)]).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });
});
