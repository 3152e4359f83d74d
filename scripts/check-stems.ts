/**
 * Checks that our stemmer (src/text/stem.ts: natural's StemmerId behind a fast path for words no prefix rule can touch)
 * gives StemmerId's answer for every word of the IndoSum and PFSA-ID data and every dictionary root with common affixes.
 * Usage: npx tsx scripts/check-stems.ts [shared data dir]   (about two minutes; exits 1 on any difference)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import stemmer from 'natural/lib/natural/stemmers/indonesian/stemmer_id.js';
import { stemUncached } from '../src/text/stem.js';
import { tokenize } from '../src/text/tokenize.js';

const data = resolve(process.argv[2] ?? '../shared/data');
const words = new Set<string>();
const addText = (text: string): void => {
  for (const token of tokenize(text)) words.add(token.toLowerCase());
};
for (const fold of ['dev.01', 'dev.02', 'dev.03']) {
  for (const line of readFileSync(join(data, 'indosum', `${fold}.jsonl`), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { paragraphs: string[][][] };
    for (const paragraph of record.paragraphs) for (const sentence of paragraph) addText(sentence.join(' '));
  }
}
addText(readFileSync(join(data, 'pfsa-id', 'dev-40.txt'), 'utf8'));
const fromText = words.size;
const suffixes = ['', 'i', 'an', 'kan', 'is', 'isme', 'isasi', 'nya', 'annya', 'kannya', 'lah', 'kanlah', 'ku', 'mu', 'pun', 'kah', 'tah', 'inya', 'kanku'];
const prefixes = ['', 'me', 'mem', 'men', 'meng', 'meny', 'pe', 'pem', 'pen', 'peng', 'peny', 'per', 'ber', 'be', 'ter', 'te', 'di', 'ke', 'se', 'ku', 'kau', 'memper', 'diper', 'keber'];
for (const root of stemmer.dictionary) for (const suffix of suffixes) words.add(root + suffix);
stemmer.dictionary.forEach((root, i) => {
  if (i % 3 === 0) for (const prefix of prefixes) for (const suffix of ['', 'kan', 'an', 'i', 'nya']) words.add(prefix + root + suffix);
});

let differences = 0;
for (const word of words) {
  const expected = /\p{L}/u.test(word) ? stemmer.stem(word) || word : word;
  const ours = stemUncached(word);
  if (ours !== expected && differences++ < 20) console.log(`${word}: ours ${ours}, StemmerId ${expected}`);
}
console.log(`${words.size} words (${fromText} from the texts): ${differences} differences`);
process.exit(differences === 0 ? 0 : 1);
