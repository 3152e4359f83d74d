/** Keystrokes of someone typing one or two words of a title: every prefix Discord would send, plus the empty field. */
export function typedPrefixes(phrases: readonly string[]): string[] {
  const prefixes: string[] = [];
  for (const phrase of phrases) {
    prefixes.push('');
    for (let i = 1; i <= phrase.length; i++) if (phrase[i - 1] !== ' ') prefixes.push(phrase.slice(0, i));
  }
  return prefixes;
}
