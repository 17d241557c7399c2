import { byCodeUnit } from "../util/order.js";

/** Sort keys of the project list (`order_by`), a leading `-` meaning descending. */
export const ORDER_KEYS = [
  "complexidade",
  "-complexidade",
  "nome",
  "-nome",
  "pronac",
  "-pronac",
  "responsavel",
  "-responsavel",
] as const;

/** One accepted value of `order_by`. */
export type OrderKey = (typeof ORDER_KEYS)[number];

/** The list's default order: most complex first. */
export const DEFAULT_ORDER: OrderKey = "-complexidade";

/** The columns the list sorts on, one entry per project, projects in PRONAC order. */
export interface SortColumns {
  pronac: readonly string[];
  /** The folded names (see foldText): lower case, no accents. */
  busca: readonly string[];
  complexidade: ArrayLike<number>;
}

/**
 * The permutation of project positions for one order. Rows come in PRONAC
 * order, so ties (same complexity, same name) keep PRONAC order in both
 * directions: sorting is stable and deterministic.
 */
export function sortPermutation(columns: SortColumns, key: OrderKey): Uint32Array {
  const descending = key.startsWith("-");
  const field = (descending ? key.slice(1) : key) as "complexidade" | "nome" | "pronac" | "responsavel";
  const sign = descending ? -1 : 1;
  const compare = comparator(columns, field);
  const positions = Array.from({ length: columns.pronac.length }, (_, i) => i);
  positions.sort((a, b) => sign * compare(a, b) || a - b);
  return Uint32Array.from(positions);
}

function comparator(columns: SortColumns, field: "complexidade" | "nome" | "pronac" | "responsavel"): (a: number, b: number) => number {
  switch (field) {
    case "complexidade":
      return (a, b) => columns.complexidade[a]! - columns.complexidade[b]!;
    // Names sort by their folded form, so "Água" sits with "agua" whatever the case. (An
    // Intl.Collator gives nicer digits but took ~3 s over 210k names at every cold start.)
    case "nome":
      return (a, b) => byCodeUnit(columns.busca[a]!, columns.busca[b]!);
    case "pronac":
      return (a, b) => byCodeUnit(columns.pronac[a]!, columns.pronac[b]!);
    // Who has a project changes while serving (see ProjectList): before anyone takes one, all are " ", so PRONAC order.
    case "responsavel":
      return () => 0;
  }
}
