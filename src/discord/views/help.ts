import type { LibraryStats } from '../../library/index.js';
import { formatDate, quantity, t, type Lang } from '../../i18n/index.js';
import { Colors, type View } from './message.js';

/** What the bot can do and the corpus in numbers. */
export function helpView(stats: LibraryStats, problemFiles: number, lang: Lang, timeZone: string): View {
  const lines = [
    t(lang, 'help.corpusNumbers', {
      articles: quantity(lang, stats.articles, 'article'),
      paragraphs: quantity(lang, stats.paragraphs, 'paragraph'),
      quotes: quantity(lang, stats.quotes, 'quote'),
      speakers: quantity(lang, stats.speakers, 'speaker'),
      sources: quantity(lang, stats.sources, 'outlet'),
    }),
  ];
  const oldest = formatDate(lang, stats.oldest, timeZone);
  const newest = formatDate(lang, stats.newest, timeZone);
  if (oldest !== null && newest !== null) lines.push(t(lang, 'help.range', { oldest, newest }));
  if (problemFiles > 0) lines.push(t(lang, 'help.problems', { files: quantity(lang, problemFiles, 'file') }));
  return {
    embeds: [
      {
        color: Colors.brand,
        title: t(lang, 'help.title'),
        description: t(lang, 'help.description'),
        fields: [
          { name: t(lang, 'help.commands'), value: t(lang, 'help.commandList') },
          { name: t(lang, 'help.corpus'), value: lines.join('\n') },
        ],
      },
    ],
  };
}
