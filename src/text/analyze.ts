import type { Article } from '../corpus/article.js';
import { datelineLength } from './dateline.js';
import { splitSentences } from './sentences.js';
import { terms } from './terms.js';

export interface AnalyzedSentence {
  text: string;
  /** Index of the paragraph in `article.paragraphs`. */
  paragraph: number;
  /** Offsets into that paragraph. */
  start: number;
  end: number;
  terms: string[];
}

export interface AnalyzedArticle {
  article: Article;
  sentences: AnalyzedSentence[];
  termFrequencies: Map<string, number>;
}

/** Sentences, their terms and the article's term counts; done once per article at load time. */
export function analyzeArticle(article: Article): AnalyzedArticle {
  const sentences: AnalyzedSentence[] = [];
  const termFrequencies = new Map<string, number>();
  article.paragraphs.forEach((paragraph, index) => {
    for (const span of splitSentences(paragraph)) {
      let { start, text } = span;
      if (sentences.length === 0) {
        const skip = datelineLength(text);
        start += skip;
        text = text.slice(skip);
      }
      const sentenceTerms = terms(text);
      for (const term of sentenceTerms) termFrequencies.set(term, (termFrequencies.get(term) ?? 0) + 1);
      sentences.push({ text, paragraph: index, start, end: span.end, terms: sentenceTerms });
    }
  });
  return { article, sentences, termFrequencies };
}
