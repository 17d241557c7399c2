/**
 * Folds text for `nome__icontains`: lower case and without accents, so that
 * "musica" finds "Música" and "MÚSICA" (a search box in Portuguese is typed
 * without accents as often as with them).
 */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
