import type { Library } from '../library/index.js';
import { attributionLine, type Quote, type SpeakerEntry, type SpeakerIndex } from '../quotes/index.js';
import { EXIT, pathsOf, type CliCommand } from './command.js';
import { openCorpus } from './corpus.js';
import { writeLine } from './output.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describe(entry: SpeakerEntry): string {
  return `${entry.name} (${plural(entry.quoteCount, 'quote')})`;
}

function asJson(quote: Quote, index: SpeakerIndex): string {
  const entry = index.speakerOf(quote);
  return JSON.stringify({
    article: quote.articleId,
    speaker: quote.speaker,
    role: quote.role,
    quote: quote.text,
    cue: quote.cue,
    partial: quote.partial,
    attribution: attributionLine(quote),
    aliases: quote.aliases,
    mention: quote.mention,
    speakerId: entry?.id ?? null,
    speakerName: entry?.name ?? null,
  });
}

function quoteLine(quote: Quote): string {
  const text = quote.text.replace(/\s*\n\s*/g, ' ');
  const how = [quote.cue, quote.partial ? 'partial' : null].filter((part) => part !== null).join(', ');
  return `  “${text}”${how === '' ? '' : ` (${how})`} — ${quote.articleId}`;
}

/** The readable view: speakers by number of quotes, each with their quotes; unattributed quotes last. */
function asText(quotes: readonly Quote[], library: Library): string {
  const groups = new Map<SpeakerEntry | null, Quote[]>();
  for (const quote of quotes) {
    const entry = library.speakers.speakerOf(quote) ?? null;
    const list = groups.get(entry);
    if (list === undefined) groups.set(entry, [quote]);
    else list.push(quote);
  }
  const ordered = [...groups].sort(([a, qa], [b, qb]) => (a === null ? 1 : b === null ? -1 : qb.length - qa.length || a.name.localeCompare(b.name)));
  const blocks = ordered.map(([entry, list]) => {
    const roles = [...new Set(list.map((q) => q.role).filter((role) => role !== null))];
    const header =
      entry === null
        ? `Speaker unknown — ${plural(list.length, 'quote')}`
        : `${entry.name}${roles.length > 0 ? ` (${roles.slice(0, 2).join('; ')})` : ''} — ${plural(list.length, 'quote')} in ${plural(new Set(list.map((q) => q.articleId)).size, 'article')}`;
    return [header, ...list.map(quoteLine)].join('\n');
  });
  return `${plural(quotes.length, 'quote')} from ${plural(groups.size - (groups.has(null) ? 1 : 0), 'speaker')}\n\n${blocks.join('\n\n')}`;
}

const quotes: CliCommand = {
  summary: 'the quotes in the articles, by speaker',
  operands: '[path…]',
  options: {
    speaker: { type: 'string', value: 'NAME', description: 'only this speaker’s quotes (forgiving case, accents, short names and typos)' },
    json: { type: 'boolean', description: 'one JSON object a quote: article, speaker, role, quote, cue, partial' },
  },
  async run(args, context) {
    const { library, inReadOrder, nothingRead } = await openCorpus(pathsOf(args), context);
    if (nothingRead) return EXIT.notFound;
    const all = inReadOrder.flatMap((article) => library.quotesIn(article.id));
    let selected: readonly Quote[] = all;
    const wanted = args.options.speaker;
    if (typeof wanted === 'string') {
      const found = library.findSpeaker(wanted);
      if (found.kind === 'ambiguous') {
        process.stderr.write(`"${wanted}" matches several speakers: ${found.candidates.slice(0, 10).map(describe).join(', ')}. Be more specific.\n`);
        return EXIT.notFound;
      }
      if (found.kind === 'none') {
        const hint = found.suggestions.length > 0 ? ` Did you mean ${found.suggestions.map(describe).join(', ')}?` : '';
        process.stderr.write(`No speaker matches "${wanted}".${hint}\n`);
        return EXIT.notFound;
      }
      selected = all.filter((quote) => library.speakers.speakerOf(quote) === found.speaker);
    }
    if (args.options.json === true) {
      for (const quote of selected) await writeLine(asJson(quote, library.speakers));
    } else {
      await writeLine(asText(selected, library));
    }
    return EXIT.answered;
  },
};

export default quotes;
