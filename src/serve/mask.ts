/**
 * CPF/CNPJ masking (spec §1): tax ids are personal or company identifiers and
 * never leave the service unmasked. Everything the API sends passes through
 * {@link maskTaxIds} once, when the cache entry is built, so there is one
 * place that decides what an identifier looks like on the wire.
 */

/** Keys whose string values are tax ids wherever they appear (case-insensitive). */
const TAX_ID_KEY = /cpf|cnpj|cgc|responsavel/i;

/**
 * Tax ids written inside free text: a CNPJ or CPF with its punctuation, or a
 * bare run of 11 or more digits (CPF, CNPJ, or a hashed id such as
 * `-8571903399542239214`). PRONACs have at most 7 digits, so they never match.
 */
const TAX_ID_IN_TEXT = /\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}|\d{3}\.\d{3}\.\d{3}-\d{2}|-?\d{11,}/g;

/**
 * Masks one tax id. An 11-digit CPF shows only its 7th–9th digits
 * (`***.***.789-**`), a 14-digit CNPJ its 6th–8th (`**.***.678/****-**`);
 * punctuation in the input is ignored. Any other value (opaque or hashed ids)
 * shows at most its 3 middle characters, and nothing when shorter than 9.
 */
export function maskTaxId(value: string): string {
  const trimmed = value.trim();
  const digits = /^[\d.\-/\s]+$/.test(trimmed) ? trimmed.replace(/\D/g, "") : "";
  if (digits.length === 11) return `***.***.${digits.slice(6, 9)}-**`;
  if (digits.length === 14) return `**.***.${digits.slice(5, 8)}/****-**`;
  if (trimmed.length < 9) return "***";
  const middle = Math.floor((trimmed.length - 3) / 2);
  return `***${trimmed.slice(middle, middle + 3)}***`;
}

/** Masks every tax id written inside a piece of free text, leaving the rest. */
export function maskTaxIdsInText(text: string): string {
  return mayHoldTaxId(text) ? text.replace(TAX_ID_IN_TEXT, (found) => maskTaxId(found)) : text;
}

// Every pattern of TAX_ID_IN_TEXT has 11+ digits with at most ".", "-" or "/"
// between them; checking that first keeps the regex off the ~140 strings of a
// project's details, which made masking the slowest step of a national build.
function mayHoldTaxId(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits >= 11) return true;
    } else if (c !== 46 && c !== 45 && c !== 47) digits = 0;
  }
  return false;
}

/**
 * Returns a deep copy of a JSON-like value with every tax id masked: string
 * values under a tax-id key (`cnpj`, `cpf_cnpj_fornecedor`, `responsavel`,
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
