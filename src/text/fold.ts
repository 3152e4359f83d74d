/** Lowercase without accents, for matching that ignores case and diacritics (`Östersunds` → `ostersunds`, `Jókowi` → `jokowi`). */
export function fold(text: string): string {
  // plain ASCII, by far the common case, needs no normalisation
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) > 127) return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  }
  return text.toLowerCase();
}
