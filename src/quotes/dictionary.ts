import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ROOTS: ReadonlySet<string> = new Set(
  require('natural/lib/natural/stemmers/indonesian/data/kata-dasar.json') as string[],
);

const PREFIXES = ['memper', 'pember', 'member', 'penge', 'peng', 'meng', 'peny', 'meny', 'pen', 'pem', 'men', 'mem', 'per', 'ber', 'ter', 'ke', 'se', 'di', 'pe', 'me'];
const SUFFIXES = ['kannya', 'annya', 'nya', 'kan', 'an', 'i'];

/** Answers of `isDictionaryWord` so far: the same names recur within and across articles, and each answer tries dozens of affixes. */
const answers = new Map<string, boolean>();
const MAX_ANSWERS = 50_000;

/** Is this folded word an ordinary Indonesian word (a root of natural's stemmer dictionary, perhaps with common affixes)? */
export function isDictionaryWord(word: string): boolean {
  let answer = answers.get(word);
  if (answer === undefined) {
    answer = lookUpWord(word);
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(word, answer);
  }
  return answer;
}

/** Forgets the answers so far (when the corpus that asked them is gone); each is looked up again when asked. */
export function clearDictionaryAnswers(): void {
  answers.clear();
}

/** The first letter a nasal prefix swallows: `menemukan` is meN- + temu, `memukul` meN- + pukul, `menyapu` meN- + sapu. */
const SWALLOWED: Readonly<Record<string, string>> = { men: 't', mem: 'p', meng: 'k', meny: 's', pen: 't', pem: 'p', peng: 'k', peny: 's' };

/** Is `rest` a root, or a root with a common suffix? */
function isRootWithSuffix(rest: string): boolean {
  if (ROOTS.has(rest)) return true;
  for (const suffix of SUFFIXES) {
    if (rest.length > suffix.length + 2 && rest.endsWith(suffix) && ROOTS.has(rest.slice(0, -suffix.length))) return true;
  }
  return false;
}

function lookUpWord(word: string): boolean {
  if (isRootWithSuffix(word)) return true;
  for (const prefix of PREFIXES) {
    if (word.length <= prefix.length + 2 || !word.startsWith(prefix)) continue;
    const rest = word.slice(prefix.length);
    if (isRootWithSuffix(rest)) return true;
    const swallowed = SWALLOWED[prefix];
    if (swallowed !== undefined && /^[aeiou]/.test(rest) && isRootWithSuffix(swallowed + rest)) return true;
  }
  return false;
}

const CONFIX_PREFIXES = ['ketidak', 'pember', 'penge', 'peng', 'peny', 'pen', 'pem', 'per', 'pe', 'ke', 'ber'];

/** A word built with a confix (`pem-buka-an`, `ke-sehat-an`): Indonesian nouns, never personal names. */
export function isDerivedWord(word: string): boolean {
  if (!word.endsWith('an') || word.length < 7) return false;
  const stems = [word.slice(0, -2), word.endsWith('kan') ? word.slice(0, -3) : ''];
  for (const prefix of CONFIX_PREFIXES) {
    if (!word.startsWith(prefix)) continue;
    for (const stem of stems) {
      if (stem.length <= prefix.length + 2) continue;
      const root = stem.slice(prefix.length);
      if (ROOTS.has(root) || (prefix.startsWith('pe') && ROOTS.has(`p${root}`)) || ROOTS.has(`k${root}`) || ROOTS.has(`t${root}`) || ROOTS.has(`s${root}`)) return true;
    }
  }
  return false;
}
