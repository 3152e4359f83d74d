import type { DocumentView } from './document.js';
import type { SentenceScorer } from './scorer.js';

/** The news lead: earlier sentences first. */
export class LeadScorer implements SentenceScorer {
  readonly name = 'lead';

  score(view: DocumentView): number[] {
    return view.sentences.map((sentence) => -sentence.index);
  }
}
