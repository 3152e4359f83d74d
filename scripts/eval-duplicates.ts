// Near-duplicate detection (src/library/near-duplicates.ts), measured:
// - false merges: pairs of distinct IndoSum articles grouped together (IndoSum has almost no true duplicates; the same id
//   in two folds is one, and counts as found, not as a false merge);
// - found: constructed copies of IndoSum articles (the same text re-titled, lightly edited, rewritten) grouped with their original;
// - real rewrites: the groups found among the realnews texts of ten outlets, listed for reading.
// usage: npm run --silent eval -- duplicates [--threshold 0.6] [--sample 300] [--realnews path]
import { existsSync, readFileSync } from 'node:fs';
import { groupNearDuplicates, NEAR_DUPLICATE_THRESHOLD, type DuplicateText } from '../src/library/near-duplicates.js';
import { terms } from '../src/text/index.js';
import { detokenizeParagraph, readIndoSum } from './rouge-indosum.js';

interface Item extends DuplicateText {
  readonly id: string;
  readonly origin: string;
  readonly kind: 'indosum' | 'retitled' | 'edited' | 'rewritten' | 'realnews';
  readonly outlet: string;
}

const DATA = '../shared/data';

function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

/** A deterministic generator, so a run can be repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const sentencesOf = (paragraph: string): string[] => paragraph.match(/[^.!?]+[.!?]+["”]?\s*|[^.!?]+$/g)?.map((s) => s.trim()) ?? [paragraph];

function editWords(text: string, share: number, vocabulary: readonly string[], next: () => number): string {
  return text
    .split(' ')
    .map((word) => (next() < share ? (vocabulary[Math.floor(next() * vocabulary.length)] ?? word) : word))
    .join(' ');
}

/** The article as another desk would file it: dateline gone, last paragraph dropped, one word in twenty changed. */
function edited(item: Item, vocabulary: readonly string[], next: () => number): Item {
  const paragraphs = item.paragraphs.slice(0, Math.max(1, item.paragraphs.length - 1)).map((p, i) => {
    const text = i === 0 ? p.replace(/^[^-–—]{0,60}[-–—]+\s*/, '') : p;
    return editWords(text, 0.05, vocabulary, next);
  });
  return { ...item, id: `${item.id}~edited`, kind: 'edited', paragraphs, outlet: 'other' };
}

/** Another outlet's rewrite, as far as one can be made: its own title, paragraphs reordered, a third of the sentences dropped, one word in eight changed. */
function rewritten(item: Item, vocabulary: readonly string[], next: () => number): Item {
  const title = item.title.split(' ').sort(() => next() - 0.5).join(' ');
  const paragraphs = [...item.paragraphs]
    .reverse()
    .map((p) => sentencesOf(p).filter(() => next() > 0.33).join(' '))
    .filter((p) => p !== '')
    .map((p) => editWords(p, 0.125, vocabulary, next));
  return { ...item, id: `${item.id}~rewritten`, kind: 'rewritten', title, paragraphs, outlet: 'other' };
}

export async function runDuplicatesEval(args: readonly string[]): Promise<number> {
  const threshold = Number(option(args, '--threshold') ?? NEAR_DUPLICATE_THRESHOLD);
  const sample = Number(option(args, '--sample') ?? 300);
  const realnewsFile = option(args, '--realnews') ?? `${DATA}/realnews/texts.jsonl`;
  const indosum: Item[] = [];
  for (const fold of ['dev.01', 'dev.02', 'dev.03']) {
    for (const record of await readIndoSum(`${DATA}/indosum/${fold}.jsonl`)) {
      const slug = record.id.replace(/^\d+-/, '').replace(/-/g, ' ');
      const paragraphs = record.paragraphs.map((p) => detokenizeParagraph(p).text);
      indosum.push({ id: `${fold}:${record.id}`, origin: record.id, kind: 'indosum', title: slug, paragraphs, outlet: record.source });
    }
  }
  const realnews: Item[] = existsSync(realnewsFile)
    ? readFileSync(realnewsFile, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as { id: string; outlet: string; title: string; text: string })
        .map((r) => ({ id: `realnews:${r.id}`, origin: `realnews:${r.id}`, kind: 'realnews' as const, title: r.title, paragraphs: r.text.split(/\n+/), outlet: r.outlet }))
    : [];

  const next = random(20261204);
  const vocabulary = [...new Set(indosum.flatMap((item) => (item.paragraphs[1] ?? '').split(' ')))].filter((w) => /^\p{Ll}{4,}$/u.test(w));
  const originals = indosum.filter((item) => item.id.startsWith('dev.01:')).filter((_, i) => i % Math.max(1, Math.floor(750 / sample)) === 0).slice(0, sample);
  const constructed: Item[] = [];
  originals.forEach((item, i) => {
    const other = originals[(i + 1) % originals.length] as Item;
    constructed.push({ ...item, id: `${item.id}~retitled`, kind: 'retitled', title: other.title, outlet: 'other' });
    constructed.push(edited(item, vocabulary, next));
    constructed.push(rewritten(item, vocabulary, next));
  });

  const all = [...indosum, ...realnews, ...constructed];
  const documentFrequency = new Map<string, number>();
  for (const item of [...indosum, ...realnews]) {
    for (const term of new Set(terms(`${item.title}\n${item.paragraphs.join('\n')}`))) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const count = indosum.length + realnews.length;
  const rarity = (term: string): number => Math.log((count + 1) / ((documentFrequency.get(term) ?? 0) + 1)) + 1;

  const started = performance.now();
  const groups = groupNearDuplicates(all, { rarity, threshold });
  const ms = performance.now() - started;
  const groupOf = new Map<string, number>();
  groups.forEach((group, g) => group.forEach((item) => groupOf.set(item.id, g)));

  let falseMerges = 0;
  let repeats = 0;
  let repeatsFound = 0;
  const falseExamples: string[] = [];
  for (const group of groups) {
    const fromIndosum = group.filter((item) => item.kind === 'indosum');
    for (let i = 0; i < fromIndosum.length; i++) {
      for (let j = i + 1; j < fromIndosum.length; j++) {
        const [a, b] = [fromIndosum[i] as Item, fromIndosum[j] as Item];
        if (a.origin !== b.origin) {
          falseMerges++;
          if (falseExamples.length < 20) falseExamples.push(`  ${a.title.slice(0, 60)} (${a.outlet}) ~ ${b.title.slice(0, 60)} (${b.outlet})`);
        }
      }
    }
  }
  const byOrigin = new Map<string, Item[]>();
  for (const item of indosum) byOrigin.set(item.origin, [...(byOrigin.get(item.origin) ?? []), item]);
  for (const copies of byOrigin.values()) {
    if (copies.length < 2) continue;
    repeats++;
    if (new Set(copies.map((c) => groupOf.get(c.id))).size === 1) repeatsFound++;
  }
  const distinctIndosum = byOrigin.size;
  const pairs = (distinctIndosum * (distinctIndosum - 1)) / 2;

  const out: string[] = [];
  out.push(`threshold ${threshold}; ${all.length} texts grouped in ${Math.round(ms)} ms`);
  out.push(`IndoSum: ${distinctIndosum} distinct articles (${pairs.toLocaleString('en')} pairs): ${falseMerges} pairs of distinct articles merged (false merges)`);
  out.push(...falseExamples);
  out.push(`IndoSum: the same article in two folds: ${repeatsFound} of ${repeats} found`);
  for (const kind of ['retitled', 'edited', 'rewritten'] as const) {
    const copies = constructed.filter((item) => item.kind === kind);
    const found = copies.filter((copy) => groupOf.get(copy.id) === groupOf.get(copy.id.replace(/~\w+$/, ''))).length;
    const wrong = copies.filter((copy) => (groups[groupOf.get(copy.id) ?? -1] ?? []).some((other) => other.kind === 'indosum' && other.origin !== copy.origin)).length;
    out.push(`constructed ${kind}: ${found} of ${copies.length} found with their original; ${wrong} grouped with another article`);
  }
  const realGroups = groups.map((group) => group.filter((item) => item.kind === 'realnews')).filter((group) => group.length > 1);
  out.push(`realnews: ${realnews.length} texts, ${realGroups.length} groups of more than one (read them: same story, or not?)`);
  for (const group of realGroups) out.push(`  ${group.map((item) => `${item.title.slice(0, 70)} (${item.outlet})`).join('  ~  ')}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
