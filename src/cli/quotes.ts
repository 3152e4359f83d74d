import { loadArticles } from '../corpus/index.js';
import { attributionLine, buildSpeakerIndex, findQuotes, type Quote, type SpeakerEntry, type SpeakerIndex } from '../quotes/index.js';
import { parseArgs, printProblems } from './common.js';

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
function asText(quotes: readonly Quote[], index: SpeakerIndex): string {
  const groups = new Map<SpeakerEntry | null, Quote[]>();
  for (const quote of quotes) {
    const entry = index.speakerOf(quote) ?? null;
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

/** `quotes [--speaker NAME] [--json] <path…>`: the quotes of the articles, by speaker. */
export async function runQuotes(args: readonly string[], defaultPaths: readonly string[] = []): Promise<number> {
  const { flags, paths } = parseArgs(args, { speaker: 'string', json: 'boolean' });
  const { articles, problems } = await loadArticles(paths.length > 0 ? paths : defaultPaths);
  printProblems(problems);
  if (articles.length === 0 && problems.some((p) => p.ignored !== true)) return 1;
  const quotes = articles.flatMap((article) => findQuotes(article));
  const index = buildSpeakerIndex(quotes);
  let selected: readonly Quote[] = quotes;
  const wanted = flags.speaker;
  if (typeof wanted === 'string') {
    const found = index.lookup(wanted);
    if (found.kind === 'ambiguous') {
      process.stderr.write(`"${wanted}" matches several speakers: ${found.candidates.slice(0, 10).map(describe).join(', ')}. Be more specific.\n`);
      return 1;
    }
    if (found.kind === 'none') {
      const hint = found.suggestions.length > 0 ? ` Did you mean ${found.suggestions.map(describe).join(', ')}?` : '';
      process.stderr.write(`No speaker matches "${wanted}".${hint}\n`);
      return 1;
    }
    selected = index.quotesOf(found.speaker.id);
  }
  if (flags.json === true) {
    for (const quote of selected) process.stdout.write(`${asJson(quote, index)}\n`);
  } else {
    process.stdout.write(`${asText(selected, index)}\n`);
  }
  return 0;
}
