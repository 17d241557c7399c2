/**
 * CPF/CNPJ masking (spec §1): tax ids are personal or company identifiers
 * and are never shown unmasked — not in an API response, not in an error
 * message. The service's JSON masking (serve/mask.ts) and the loaders'
 * error messages (data/errors.ts) both mask free text here, so there is one
 * idea of what a tax id looks like.
 * @module
 */

/*
 * Tax ids inside free text, each spelling bounded so that it is not part of
 * a longer number (a digit, or a decimal fraction's "1." or "1,", before it;
 * a digit after it):
 * - CNPJ, 14 digits as 2-3-3-4-2: `12.345.678/0001-90`, `12345678/0001-90`,
 *   `12 345 678 0001 90`, `12345678000190`;
 * - CPF, 11 digits as 3-3-3-2: `123.456.789-01`, `123456789-01`,
 *   `123 456 789 01`, `12345678901`;
 * - any other run of 11 or more digits, signed or not (a hashed id such as
 *   `-8571903399542239214`, or a CPF read as a float, `12345678901.0`).
 * A "." before the last two digits is not a CPF spelling: `123456789.01` is
 * money. PRONACs (at most 7 digits), money below ten billion reais, dates and
 * the float noise of a fraction (`0.30000000000000004`) never match.
 */
const BEFORE = String.raw`(?<!\d)(?<!\d[.,])`;
const CNPJ = String.raw`\d{2}[. ]?\d{3}[. ]?\d{3}[/ ]?\d{4}[- ]?\d{2}`;
const CPF = String.raw`\d{3}[. ]?\d{3}[. ]?\d{3}[- ]?\d{2}`;
const TAX_ID_IN_TEXT = new RegExp(String.raw`${BEFORE}(?:${CNPJ}|${CPF}|-?\d{11,})(?!\d)`, "g");

/**
 * Masks one tax id. An 11-digit CPF shows only its 7th–9th digits
 * (`***.***.789-**`), a 14-digit CNPJ its 6th–8th (`**.***.678/****-**`);
 * punctuation and blanks in the input are ignored. Any other value (opaque or
 * hashed ids) shows at most its 3 middle characters, and nothing when shorter
 * than 9.
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

/** Masks every tax id written inside a piece of free text (see the spellings above), leaving the rest. */
export function maskTaxIdsInText(text: string): string {
  return mayHoldTaxId(text) ? text.replace(TAX_ID_IN_TEXT, (found) => maskTaxId(found)) : text;
}

// Every spelling has 11+ digits with at most ".", "-", "/" or " " between
// them; checking that first keeps the regex off the ~140 strings of a
// project's details, which made masking the slowest step of a national build.
function mayHoldTaxId(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits >= 11) return true;
    } else if (c !== 46 && c !== 45 && c !== 47 && c !== 32) digits = 0;
  }
  return false;
}
