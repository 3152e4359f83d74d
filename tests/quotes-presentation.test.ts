import { describe, expect, it } from 'vitest';
import { attributionLine, groupByArticle, type Quote } from '../src/quotes/index.js';

function quote(articleId: string, speaker: string | null, role: string | null, text = 'Kami siap.'): Quote {
  return { articleId, text, speaker, role, aliases: [], mention: speaker, cue: 'kata', partial: false, paragraph: 0, start: 0, end: text.length };
}

describe('what the views show of a quote', () => {
  it('says who spoke in full: the name and the role as the article states it', () => {
    expect(attributionLine(quote('a', 'Vladimir Putin', 'Presiden Rusia'))).toBe('Vladimir Putin, Presiden Rusia');
    expect(attributionLine(quote('a', 'Vladimir Putin', null))).toBe('Vladimir Putin');
    expect(attributionLine(quote('a', 'juru bicara', 'juru bicara'))).toBe('juru bicara');
    expect(attributionLine(quote('a', null, null))).toBeNull();
  });

  it('groups quotes under their article once, keeping the order of articles and of quotes', () => {
    const quotes = [quote('b', 'X', null, '1'), quote('b', 'X', null, '2'), quote('a', 'X', null, '3'), quote('b', 'X', null, '4')];
    const groups = groupByArticle(quotes, (q) => q.articleId);
    expect(groups.map((g) => [g.articleId, g.items.map((q) => q.text)])).toEqual([
      ['b', ['1', '2', '4']],
      ['a', ['3']],
    ]);
    expect(groupByArticle([], (q: Quote) => q.articleId)).toEqual([]);
  });
});
