import { isCapitalised } from '../text/stem.js';
import { centralityScores } from './centrality.js';
import { cosine, type DocumentView, type SentenceView } from './document.js';
import { memoizedPer } from './memo.js';

const BASE_FEATURES = [
  'lead0', 'lead1', 'lead2', 'lead3', 'lead4', 'inverseLeadPosition', 'logLeadPosition', 'relativePosition',
  'firstInParagraph', 'logParagraph', 'secondOfFirstParagraph', 'firstOfSecondParagraph', 'paragraphSentences',
  'logLength', 'short', 'long', 'leadSimilarity', 'centroidSimilarity', 'centralityRank', 'numbers', 'names',
  'speech', 'quoteMarks', 'referenceStart', 'reportedSpeech', 'noTerminal', 'question', 'colonEnd', 'logSentences',
  'logLeadLength', 'dayName', 'nameStart', 'beforeFirstQuote', 'inLeadParagraph',
] as const;
/** Features whose weight depends on where in the lead a sentence stands (position × content). */
const CROSSED = ['speech', 'logLength', 'numbers', 'names', 'centroidSimilarity', 'leadSimilarity', 'referenceStart'] as const;
const CROSSED_POSITIONS = ['lead0', 'lead1', 'lead2', 'lead3'] as const;

/** Names of the sentence features, in the order of the vectors `sentenceFeatures` returns and the weights file lists. */
export const FEATURE_NAMES: readonly string[] = [
  ...BASE_FEATURES,
  ...CROSSED_POSITIONS.flatMap((position) => CROSSED.map((feature) => `${position}×${feature}`)),
];

const referenceStart =
  /^(?:ia|dia|mereka|beliau|hal (?:itu|ini|tersebut)|itu|ini|inilah|namun|tetapi|tapi|sementara(?: itu)?|selain itu|sebelumnya|kemudian|lalu|dan|sedangkan|adapun|meski(?:pun)?|oleh karena itu|karena itu|untuk itu|dengan demikian)\b/i;
const reportedSpeech = /\b(?:mengatakan|menyatakan|menjelaskan|menurut|kata|ujar|menegaskan|mengungkapkan|menuturkan|menyebut(?:kan)?)\b/i;

const dayName = /\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)\b/;

/** One feature vector per sentence; all features are cheap functions of the document view, computed once per view. */
export const sentenceFeatures: (view: DocumentView) => number[][] = memoizedPer(computeFeatures);

const at = Object.fromEntries(BASE_FEATURES.map((name, k) => [name, k])) as Record<(typeof BASE_FEATURES)[number], number>;
const crossedPairs = CROSSED_POSITIONS.flatMap((position) => CROSSED.map((feature) => [at[position], at[feature]] as const));

const startsWithNumber = (token: string): boolean => {
  const code = token.charCodeAt(0);
  return code < 128 ? code >= 48 && code <= 57 : /^\p{N}/u.test(token);
};

function computeFeatures(view: DocumentView): number[][] {
  const n = view.sentences.length;
  const lead: SentenceView | undefined = view.sentences.find((s) => s.eligible) ?? view.sentences[0];
  const centrality = centralityScores(view);
  const order = centrality.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score || a.index - b.index);
  const centralityRank = new Array<number>(n).fill(0);
  order.forEach((entry, rank) => (centralityRank[entry.index] = 1 / (rank + 1)));
  const paragraphSizes = new Map<number, number>();
  for (const s of view.sentences) paragraphSizes.set(s.paragraph, (paragraphSizes.get(s.paragraph) ?? 0) + 1);
  const logSentences = Math.log(1 + n);
  const logLeadLength = Math.log(1 + (lead?.tokens.length ?? 0));
  let leadPosition = 0;
  let inParagraph = 0;
  const firstQuote = view.sentences.findIndex((s) => s.quote !== 'none');
  const leadParagraph = lead?.paragraph ?? 0;
  const baseCount = BASE_FEATURES.length;
  return view.sentences.map((sentence, i) => {
    inParagraph = sentence.firstInParagraph ? 0 : inParagraph + 1;
    const e = leadPosition;
    if (sentence.eligible) leadPosition++;
    const tokens = sentence.tokens;
    const length = tokens.length;
    let numbers = 0;
    let names = 0;
    for (let k = 0; k < length; k++) {
      const token = tokens[k] as string;
      if (startsWithNumber(token)) numbers++;
      if (k > 0 && isCapitalised(token)) names++;
    }
    const text = sentence.text;
    const row = new Array<number>(FEATURE_NAMES.length);
    row[at.lead0] = e === 0 ? 1 : 0;
    row[at.lead1] = e === 1 ? 1 : 0;
    row[at.lead2] = e === 2 ? 1 : 0;
    row[at.lead3] = e === 3 ? 1 : 0;
    row[at.lead4] = e === 4 ? 1 : 0;
    row[at.inverseLeadPosition] = 1 / (e + 1);
    row[at.logLeadPosition] = Math.log(1 + e);
    row[at.relativePosition] = n > 1 ? i / (n - 1) : 0;
    row[at.firstInParagraph] = sentence.firstInParagraph ? 1 : 0;
    row[at.logParagraph] = Math.log(1 + sentence.paragraph);
    row[at.secondOfFirstParagraph] = sentence.paragraph === 0 && inParagraph === 1 ? 1 : 0;
    row[at.firstOfSecondParagraph] = sentence.paragraph === 1 && inParagraph === 0 ? 1 : 0;
    row[at.paragraphSentences] = paragraphSizes.get(sentence.paragraph) ?? 1;
    row[at.logLength] = Math.log(1 + length);
    row[at.short] = length < 8 ? 1 : 0;
    row[at.long] = length > 40 ? 1 : 0;
    row[at.leadSimilarity] = lead === undefined ? 0 : cosine(sentence.vector, sentence.norm, lead.vector, lead.norm);
    row[at.centroidSimilarity] = cosine(sentence.vector, sentence.norm, view.centroid, view.centroidNorm);
    row[at.centralityRank] = centralityRank[i] ?? 0;
    row[at.numbers] = length > 0 ? numbers / length : 0;
    row[at.names] = length > 0 ? names / length : 0;
    row[at.speech] = sentence.quote === 'none' ? 0 : 1;
    row[at.quoteMarks] = /[“”"]/.test(text) ? 1 : 0;
    row[at.referenceStart] = referenceStart.test(text) ? 1 : 0;
    row[at.reportedSpeech] = reportedSpeech.test(text) ? 1 : 0;
    row[at.noTerminal] = /[.!?…"”’)]$/.test(text) ? 0 : 1;
    row[at.question] = text.includes('?') ? 1 : 0;
    row[at.colonEnd] = text.endsWith(':') ? 1 : 0;
    row[at.logSentences] = logSentences;
    row[at.logLeadLength] = logLeadLength;
    row[at.dayName] = dayName.test(text) ? 1 : 0;
    row[at.nameStart] = /^\p{Lu}\p{Ll}*\s+\p{Lu}/u.test(text) ? 1 : 0;
    row[at.beforeFirstQuote] = firstQuote < 0 || i < firstQuote ? 1 : 0;
    row[at.inLeadParagraph] = sentence.paragraph === leadParagraph ? 1 : 0;
    for (let k = 0; k < crossedPairs.length; k++) {
      const [position, feature] = crossedPairs[k] as readonly [number, number];
      row[baseCount + k] = (row[position] as number) * (row[feature] as number);
    }
    return row;
  });
}
