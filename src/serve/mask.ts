/**
 * CPF/CNPJ masking (spec §1): tax ids are personal or company identifiers and
 * never leave the service unmasked. Everything the API sends passes through
 * {@link maskTaxIds} once, when the cache entry is built; what a tax id looks
 * like, as a value or inside text, is decided in util/tax-id.ts, which the
 * loaders' error messages use too.
 */
import { maskTaxId, maskTaxIdsInText } from "../util/tax-id.js";

// still offered here: salic-ml/serve has exported them since before util/tax-id.ts
export { maskTaxId, maskTaxIdsInText };

/** Keys whose string values are tax ids wherever they appear (case-insensitive). */
const TAX_ID_KEY = /cpf|cnpj|cgc|proponente/i;

/**
 * Returns a deep copy of a JSON-like value with every tax id masked: string
 * values under a tax-id key (`cnpj`, `cpf_cnpj_fornecedor`, `proponente`,
 * ...) are masked whole, and tax ids embedded in any other string (a provider
 * name that carries its CPF, say) are masked where they occur.
 */
export function maskTaxIds<T>(value: T): T {
  return maskValue(value, false) as T;
}

const taxIdKeys = new Map<string, boolean>();

function isTaxIdKey(key: string): boolean {
  let known = taxIdKeys.get(key);
  if (known === undefined) {
    known = TAX_ID_KEY.test(key);
    // Keys come from the metrics' field names and from ids (idPlanilhaAprovacao): bounded, but not tiny.
    if (taxIdKeys.size < 100_000) taxIdKeys.set(key, known);
  }
  return known;
}

function maskValue(value: unknown, taxIdKey: boolean): unknown {
  if (typeof value === "string") return taxIdKey && value !== "" ? maskTaxId(value) : maskTaxIdsInText(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, taxIdKey));
  if (value !== null && typeof value === "object") {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key in source) out[key] = maskValue(source[key], isTaxIdKey(key));
    return out;
  }
  return value;
}
