import type { APIEmbedField } from 'discord.js';
import type { LoadProblem, Problem } from '../../corpus/article.js';
import type { ReloadFailure, ReloadReport } from '../../library/index.js';
import { formatSeconds, quantity, t, type Lang } from '../../i18n/index.js';
import { clip, Limits, listWithin, plain } from './limits.js';
import { Colors, type View } from './message.js';

/** A corpus problem in the reader's language; a record of a multi-article file says which one. */
export function problemText(problem: Problem, lang: Lang): string {
  const { record, ...params } = problem.params ?? {};
  const reason = t(lang, `corpus.problems.${problem.code}`, params);
  return record === undefined ? reason : t(lang, 'corpus.problems.in_record', { record, reason });
}

function failureText(failure: ReloadFailure, lang: Lang): string {
  switch (failure.code) {
    case 'unavailable':
      return t(lang, 'reload.failures.unavailable', { reason: problemText(failure.problem, lang) });
    case 'nothing_readable':
      return t(lang, 'reload.failures.nothing_readable');
    case 'build_failed':
      return t(lang, 'reload.failures.build_failed', { detail: failure.detail });
  }
}

function problemLine(problem: LoadProblem, lang: Lang): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `• \`${clip(where, 120)}\` — ${clip(plain(problemText(problem, lang)), 160)}`;
}

/** The articles of a list by title, one a line. */
function titleList(ids: readonly string[], titleOf: (id: string) => string, lang: Lang): string {
  if (ids.length === 0) return t(lang, 'reload.none');
  return listWithin(ids.map((id) => `• ${clip(plain(titleOf(id)), 120)}`), Limits.fieldValue, (count) => t(lang, 'common.more', { count }));
}

/**
 * What a reload changed: added, changed, removed and kept articles by title, the files that could not be read, and how long
 * it took. `titleOf` names an article id as readers know it (a removed article by its title before the reload).
 */
export function reloadView(report: ReloadReport, lang: Lang, titleOf: (id: string) => string): View {
  const summary = t(lang, 'reload.summary', { articles: quantity(lang, report.articles, 'article'), seconds: formatSeconds(lang, report.durationMs) });
  const more = (count: number): string => t(lang, 'common.more', { count });
  const fields: APIEmbedField[] = [
    { name: `${t(lang, 'reload.added')} (${report.added.length})`, value: titleList(report.added, titleOf, lang) },
    { name: `${t(lang, 'reload.changed')} (${report.changed.length})`, value: titleList(report.changed, titleOf, lang) },
    { name: `${t(lang, 'reload.removed')} (${report.removed.length})`, value: titleList(report.removed, titleOf, lang) },
  ];
  if (report.kept.length > 0) fields.push({ name: `${t(lang, 'reload.kept')} (${report.kept.length})`, value: titleList(report.kept, titleOf, lang) });
  const broken = report.problems.filter((p) => p.ignored !== true);
  fields.push({
    name: `${t(lang, 'reload.problems')} (${broken.length})`,
    value: broken.length === 0 ? t(lang, 'reload.none') : listWithin(broken.map((problem) => problemLine(problem, lang)), Limits.fieldValue, more),
  });
  const error = report.failure === undefined ? (report.error ?? '') : failureText(report.failure, lang);
  const description = report.ok ? summary : `${clip(plain(error), 1500)}\n${summary}`;
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
