import { readFile } from 'node:fs/promises';

/** One IndoSum record: paragraphs → sentences → tokens. */
export interface IndoSumArticle {
  id: string;
  category: string;
  source: string;
  paragraphs: string[][][];
  gold_labels: boolean[][];
  summary: string[][];
}

export async function readIndoSum(path: string): Promise<IndoSumArticle[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as IndoSumArticle);
}

const attachLeft = /^(?:[.,;:!?%)\]}…]|\.\.+|'s|-nya|-lah|-kah|-pun|-ku|-mu)$/;
const attachRight = /^[(\[{@#]$/;
const isWord = (token: string): boolean => /^[\p{L}\p{N}]/u.test(token);

/** A detokenized sentence and where each gold sentence of a paragraph starts and ends in the paragraph text. */
export interface RebuiltParagraph {
  text: string;
  sentences: Array<{ start: number; end: number }>;
}

/** Rebuilds natural text from tokens: `Senin ( 27 / 3 ) .` → `Senin (27/3).`, `" Ya , "` → `"Ya,"`, `bentrokan - bentrokan` → `bentrokan-bentrokan`. */
export function detokenizeParagraph(sentences: readonly (readonly string[])[]): RebuiltParagraph {
  let text = '';
  let quoteOpen = false;
  let curlyOpen = false;
  let glueNext = true;
  const spans: Array<{ start: number; end: number }> = [];
  for (const tokens of sentences) {
    let start = -1;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] ?? '';
      const previous = tokens[i - 1] ?? '';
      const next = tokens[i + 1] ?? '';
      let glue = glueNext;
      glueNext = false;
      if (token === '"') {
        if (quoteOpen) glue = true;
        else glueNext = true;
        quoteOpen = !quoteOpen;
      } else if (token === '“' || (token === '”' && !curlyOpen && (i === 0 || previous === ':'))) {
        curlyOpen = true;
        glueNext = true;
      } else if (token === '”') {
        curlyOpen = false;
        glue = true;
      } else if (token === '‘') glueNext = true;
      else if (token === '’') glue = true;
      else if (attachLeft.test(token)) glue = true;
      else if (attachRight.test(token)) glueNext = true;
      else if (token === '/' && isWord(previous) && isWord(next)) {
        glue = true;
        glueNext = true;
      } else if (token === '-' && isWord(previous) && (/^[\p{Ll}\p{N}]/u.test(next) || next.toLowerCase() === previous.toLowerCase())) {
        glue = true;
        glueNext = true;
      } else if (token === '-' && previous === '-') glue = true;
      const separator = glue || text === '' ? '' : ' ';
      text += separator;
      if (start < 0) start = text.length;
      text += token;
    }
    if (start >= 0) spans.push({ start, end: text.length });
    glueNext = false;
  }
  return { text, sentences: spans };
}

/** The reference summary as plain sentences (tokens joined by spaces, as the paper scores them). */
export function referenceSentences(article: IndoSumArticle): string[] {
  return article.summary.map((tokens) => tokens.join(' '));
}

/** The gold sentences in order, each as tokens joined by spaces. */
export function goldSentences(article: IndoSumArticle): string[] {
  return article.paragraphs.flatMap((paragraph) => paragraph.map((tokens) => tokens.join(' ')));
}
