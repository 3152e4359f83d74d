/** Lowercase without accents, for matching that ignores case and diacritics (`Östersunds` → `ostersunds`). */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}
