/**
 * A sentence opening with a pronoun or connective that points back to the sentence before it (`Ia …`, `Namun …`,
 * `Menurutnya …`): read without that sentence, its referent is lost.
 */
const danglingOpener =
  /^["“]?(?:ia|dia|mereka|beliau|tersebut|itu|ini|namun|tetapi|tapi|akan tetapi|padahal|selain itu|sementara itu|oleh karena itu|oleh sebab itu|karena itu|untuk itu|atas dasar itu|dengan demikian|meski(?:pun)? (?:demikian|begitu)|kendati (?:demikian|begitu)|walau(?:pun)? (?:demikian|begitu)|hal (?:ini|itu|tersebut)|lebih lanjut|(?:menurut|kata|ujar|tutur|tambah|lanjut|jelas|imbuh)nya)(?![\p{L}\p{N}-])/iu;

export function opensWithReference(sentence: string): boolean {
  return danglingOpener.test(sentence);
}

/** A connective whose sentence still says the same on its own once it is dropped (`Namun, rencana itu batal.` → `Rencana itu batal.`). */
const droppableConnective =
  /^(?:namun|tetapi|tapi|akan tetapi|padahal|selain itu|sementara itu|oleh karena itu|oleh sebab itu|karena itu|untuk itu|atas dasar itu|dengan demikian|meski(?:pun)? (?:demikian|begitu)|kendati (?:demikian|begitu)|walau(?:pun)? (?:demikian|begitu)|lebih lanjut)(?![\p{L}\p{N}-]),?\s+(?=\S)/iu;

/** The sentence without its opening connective, capitalised; undefined when it has none or what is left still points back (`Lebih lanjut, ia …`). */
export function withoutConnective(sentence: string): string | undefined {
  const match = droppableConnective.exec(sentence);
  if (match === null) return undefined;
  const rest = sentence.slice(match[0].length);
  const standalone = rest.charAt(0).toUpperCase() + rest.slice(1);
  return opensWithReference(standalone) ? undefined : standalone;
}

/** Whether a sentence may stand in a summary made of `chosen` (indexes into the article's sentences): its referent is there too. */
export function keepsReferent(index: number, text: string, chosen: (index: number) => boolean): boolean {
  return index === 0 || !opensWithReference(text) || chosen(index - 1);
}

/** Counts, over a summary's sentence indexes in article order, of the two ways a summary loses a referent. */
export function danglingIn(indexes: readonly number[], texts: readonly string[]): { opening: boolean; any: boolean } {
  const set = new Set(indexes);
  const dangling = indexes.map((index) => !keepsReferent(index, texts[index] ?? '', (i) => set.has(i)));
  return { opening: dangling[0] === true, any: dangling.some(Boolean) };
}
