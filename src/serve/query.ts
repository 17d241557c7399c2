import { DEFAULT_ORDER, ORDER_KEYS, type OrderKey } from "./orders.js";
import { foldText } from "./search.js";

/** An API error: the status, a message, and the request parameter at fault if one is. */
export interface ApiError {
  status: 400 | 404;
  error: string;
  parameter?: string;
}

/** A validated `GET /v1/projects/` query. */
export interface ListQuery {
  page: number;
  order: OrderKey;
  /** `nome__icontains`, folded (see foldText); undefined when absent or empty. */
  nome?: string;
  /** `complexidade__gt`; undefined when absent or empty. */
  complexidadeGt?: number;
}

/** Projects per page, as in the original API. */
export const PER_PAGE = 15;

const MAX_SEARCH_LENGTH = 200;

/** PRONAC: `AnoProjeto` (2 digits) + `Sequencial`, so 1 to 7 digits; kept as text ("000014" ≠ "14"). */
const PRONAC = /^\d{1,7}$/;

/** Whether the value is error-shaped (what the parsers return instead of throwing). */
export function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && "error" in value && "status" in value;
}

/** Checks a PRONAC path parameter. */
export function checkPronac(pronac: string): ApiError | undefined {
  if (PRONAC.test(pronac)) return undefined;
  return { status: 400, error: `malformed PRONAC ${JSON.stringify(pronac)}: expected 1 to 7 digits`, parameter: "pronac" };
}

/**
 * Validates the list's query. Unknown parameters are ignored (as the original
 * API did); empty filters count as absent (as HTML forms send them).
 */
export function parseListQuery(query: Readonly<Record<string, unknown>>): ListQuery | ApiError {
  const parsed: ListQuery = { page: 1, order: DEFAULT_ORDER };
  for (const parameter of ["page", "order_by", "nome__icontains", "complexidade__gt"]) {
    const value = query[parameter];
    if (value === undefined) continue;
    if (typeof value !== "string") return bad(parameter, `${parameter} is given more than once`);
    switch (parameter) {
      case "page":
        if (!/^\d+$/.test(value) || Number(value) < 1) {
          return bad(parameter, `page must be a positive integer, got ${JSON.stringify(value)}`);
        }
        parsed.page = Number(value);
        break;
      case "order_by":
        if (!(ORDER_KEYS as readonly string[]).includes(value)) {
          return bad(parameter, `order_by must be one of ${ORDER_KEYS.join(", ")}; got ${JSON.stringify(value)}`);
        }
        parsed.order = value as OrderKey;
        break;
      case "nome__icontains":
        if (value.length > MAX_SEARCH_LENGTH) {
          return bad(parameter, `nome__icontains must be at most ${MAX_SEARCH_LENGTH} characters long`);
        }
        if (value.trim() !== "") parsed.nome = foldText(value.trim());
        break;
      case "complexidade__gt":
        if (value === "") break;
        if (!/^-?\d+(\.\d+)?$/.test(value)) {
          return bad(parameter, `complexidade__gt must be a number such as 3 or 5.5, got ${JSON.stringify(value)}`);
        }
        parsed.complexidadeGt = Number(value);
        break;
    }
  }
  return parsed;
}

function bad(parameter: string, error: string): ApiError {
  return { status: 400, error, parameter };
}
