import type { Lang } from './index.js';

/** Dates and numbers as each language writes them. */
const numberLocale: Record<Lang, string> = { en: 'en-US', id: 'id-ID' };
const dateLocale: Record<Lang, string> = { en: 'en-GB', id: 'id-ID' };

export function formatNumber(lang: Lang, value: number): string {
  return new Intl.NumberFormat(numberLocale[lang]).format(value);
}

/** A duration in seconds with at most two decimals, e.g. `1.23` or `1,23`. */
export function formatSeconds(lang: Lang, ms: number): string {
  return (ms / 1000).toLocaleString(numberLocale[lang], { maximumFractionDigits: 2 });
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (format === undefined) formats.set(key, (format = make()));
  return format;
}

/** An article's date, e.g. `14 Sept 2023` or `14 Sep 2023`; null when there is none or it does not parse. */
export function formatDate(lang: Lang, iso: string | null, timeZone: string): string | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return formatter(`date|${lang}|${timeZone}`, () => new Intl.DateTimeFormat(dateLocale[lang], { dateStyle: 'medium', timeZone })).format(time);
}

/** A day in a zone, optionally with the time: `6 Jan 2025`, `6 Jan 2025, 08:30`. */
export function formatDay(lang: Lang, at: number, timeZone: string, withTime = false): string {
  return formatter(`day|${lang}|${timeZone}|${withTime}`, () =>
    new Intl.DateTimeFormat(dateLocale[lang], {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    }),
  ).format(new Date(at));
}

/** A moment in a zone with the weekday and the zone's short name: `Mon, 6 Jan 2025, 08:30 GMT+7`. */
export function formatMoment(lang: Lang, at: number, timeZone: string): string {
  return formatter(`moment|${lang}|${timeZone}`, () =>
    new Intl.DateTimeFormat(dateLocale[lang], {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    }),
  ).format(new Date(at));
}
