const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Lowercase and strip accents, so `Jokowi`, `JOKOWI` and `Jókowi` compare equal. */
export function fold(text: string): string {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) > 127) return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
  }
  return text.toLowerCase();
}
