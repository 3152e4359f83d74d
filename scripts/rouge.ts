/** ROUGE-1/2/L F1 as ROUGE-1.5.5 computes it with `-a -n 2 -l 100 -f A -p 0.5` for one reference. */
export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

/** How system and reference text are prepared before scoring (see ../shared/data/README.md). */
export type RougeConvention = 'paper' | 'raw';

const WORD_LIMIT = 100;

/** ROUGE's own tokenizer: lowercase `[a-z0-9]+`. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** The paper's system-side preprocessing: lowercase, punctuation dropped, digits turned to 0. */
export function paperSystemText(sentence: string): string {
  return sentence
    .toLowerCase()
    .replace(/[0-9]/g, '0')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Tokenized sentences, cut so that the whole text keeps its first `limit` whitespace-separated words. */
function limitWords(sentences: readonly string[], limit: number): string[][] {
  const result: string[][] = [];
  let left = limit;
  for (const sentence of sentences) {
    if (left <= 0) break;
    const words = sentence.split(/\s+/).filter((w) => w !== '');
    const kept = words.slice(0, left);
    left -= kept.length;
    result.push(rougeTokens(kept.join(' ')));
  }
  return result;
}

/** N-gram counts over the whole text: like ROUGE-1.5.5, grams run across sentence boundaries. */
function ngramCounts(sentences: readonly string[][], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  const tokens = sentences.flat();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = n === 1 ? (tokens[i] ?? '') : tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function f1(hits: number, referenceTotal: number, systemTotal: number): number {
  const recall = referenceTotal > 0 ? hits / referenceTotal : 0;
  const precision = systemTotal > 0 ? hits / systemTotal : 0;
  return recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;
}

function rougeN(system: readonly string[][], reference: readonly string[][], n: number): number {
  const sys = ngramCounts(system, n);
  const ref = ngramCounts(reference, n);
  let hits = 0;
  let refTotal = 0;
  let sysTotal = 0;
  for (const [gram, count] of ref) {
    refTotal += count;
    hits += Math.min(count, sys.get(gram) ?? 0);
  }
  for (const count of sys.values()) sysTotal += count;
  return f1(hits, refTotal, sysTotal);
}

/** Positions of `reference` on one longest common subsequence with `system`. */
function lcsPositions(reference: readonly string[], system: readonly string[]): number[] {
  const rows = reference.length;
  const cols = system.length;
  const table = new Uint16Array((rows + 1) * (cols + 1));
  for (let i = 1; i <= rows; i++) {
    for (let j = 1; j <= cols; j++) {
      const at = i * (cols + 1) + j;
      table[at] =
        reference[i - 1] === system[j - 1]
          ? (table[at - cols - 2] ?? 0) + 1
          : Math.max(table[at - cols - 1] ?? 0, table[at - 1] ?? 0);
    }
  }
  const positions: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (reference[i - 1] === system[j - 1]) {
      positions.push(i - 1);
      i--;
      j--;
    } else if ((table[(i - 1) * (cols + 1) + j] ?? 0) >= (table[i * (cols + 1) + j - 1] ?? 0)) i--;
    else j--;
  }
  return positions;
}

/** Summary-level ROUGE-L: union LCS of each reference sentence against every system sentence, hits clipped by unigram counts. */
function rougeL(system: readonly string[][], reference: readonly string[][]): number {
  const sysLeft = ngramCounts(system, 1);
  const refLeft = ngramCounts(reference, 1);
  let hits = 0;
  let refTotal = 0;
  let sysTotal = 0;
  for (const tokens of system) sysTotal += tokens.length;
  for (const refSentence of reference) {
    refTotal += refSentence.length;
    const union = new Set<number>();
    for (const sysSentence of system) for (const p of lcsPositions(refSentence, sysSentence)) union.add(p);
    for (const p of union) {
      const token = refSentence[p] ?? '';
      const s = sysLeft.get(token) ?? 0;
      const r = refLeft.get(token) ?? 0;
      if (s > 0 && r > 0) {
        hits++;
        sysLeft.set(token, s - 1);
        refLeft.set(token, r - 1);
      }
    }
  }
  return f1(hits, refTotal, sysTotal);
}

/** Scores one system summary (one sentence per entry) against one reference under a convention. */
export function scoreSummary(system: readonly string[], reference: readonly string[], convention: RougeConvention): RougeScores {
  const sysText = convention === 'paper' ? system.map(paperSystemText) : system.map((s) => s.toLowerCase());
  const sys = limitWords(sysText, WORD_LIMIT);
  const ref = limitWords(reference, WORD_LIMIT);
  return { rouge1: rougeN(sys, ref, 1), rouge2: rougeN(sys, ref, 2), rougeL: rougeL(sys, ref) };
}

/** Mean of per-article scores, ×100 as published tables show them. */
export function meanScores(scores: readonly RougeScores[]): RougeScores {
  const n = Math.max(scores.length, 1);
  const sum = (pick: (s: RougeScores) => number): number => (100 * scores.reduce((acc, s) => acc + pick(s), 0)) / n;
  return { rouge1: sum((s) => s.rouge1), rouge2: sum((s) => s.rouge2), rougeL: sum((s) => s.rougeL) };
}
