import type { APIEmbedField } from 'discord.js';
import type { LoadProblem } from '../../corpus/article.js';
import type { ReloadReport } from '../../library/index.js';
import { quantity, t, type Lang } from '../i18n.js';
import { clip, Limits, listWithin, plain } from './limits.js';
import { Colors, type View } from './message.js';

function problemLine(problem: LoadProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `• \`${clip(where, 120)}\` — ${clip(plain(problem.reason), 160)}`;
}

function idList(ids: readonly string[], lang: Lang): string {
  if (ids.length === 0) return t(lang, 'reload.none');
  return listWithin(ids.map((id) => `\`${clip(id, 120)}\``), Limits.fieldValue, (count) => t(lang, 'more', { count }), ', ');
}

/** What a reload changed: added, changed, removed and kept articles, the files that could not be read, and how long it took. */
export function reloadView(report: ReloadReport, lang: Lang): View {
  const seconds = (report.durationMs / 1000).toLocaleString(lang === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: 2 });
  const summary = t(lang, 'reload.summary', { articles: quantity(lang, report.articles, 'article'), seconds });
  const more = (count: number): string => t(lang, 'more', { count });
  const fields: APIEmbedField[] = [
    { name: `${t(lang, 'reload.added')} (${report.added.length})`, value: idList(report.added, lang) },
    { name: `${t(lang, 'reload.changed')} (${report.changed.length})`, value: idList(report.changed, lang) },
    { name: `${t(lang, 'reload.removed')} (${report.removed.length})`, value: idList(report.removed, lang) },
  ];
  if (report.kept.length > 0) fields.push({ name: `${t(lang, 'reload.kept')} (${report.kept.length})`, value: idList(report.kept, lang) });
  const broken = report.problems.filter((p) => p.ignored !== true);
  fields.push({
    name: `${t(lang, 'reload.problems')} (${broken.length})`,
    value: broken.length === 0 ? t(lang, 'reload.none') : listWithin(broken.map(problemLine), Limits.fieldValue, more),
  });
  const description = report.ok ? summary : `${clip(plain(report.error ?? ''), 1500)}\n${summary}`;
  return {
    embeds: [
      {
        color: report.ok ? (broken.length > 0 ? Colors.warning : Colors.success) : Colors.error,
        title: report.ok ? t(lang, 'reload.title') : t(lang, 'reload.failed'),
        description,
        fields,
      },
    ],
  };
}
