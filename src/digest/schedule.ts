import { Cron } from 'croner';

export type ScheduleErrorCode = 'empty' | 'bad_time' | 'bad_days' | 'bad_cron' | 'never_runs' | 'too_frequent';

/** A schedule the moderator typed that we cannot use; `code` selects the localized explanation. */
export class ScheduleError extends Error {
  override name = 'ScheduleError';
  constructor(
    readonly code: ScheduleErrorCode,
    readonly input: string,
    readonly detail: string = '',
  ) {
    super(`${code}: ${input}${detail === '' ? '' : ` (${detail})`}`);
  }
}

export interface ParsedSchedule {
  readonly input: string;
  /** A 5-field cron expression (minute hour day-of-month month day-of-week). */
  readonly cron: string;
}

/** Digests more often than this would flood a channel. */
export const MIN_INTERVAL_MINUTES = 30;

const DAY_WORDS: Readonly<Record<string, number>> = {
  sun: 0, sunday: 0, minggu: 0, ahad: 0,
  mon: 1, monday: 1, senin: 1, sen: 1,
  tue: 2, tues: 2, tuesday: 2, selasa: 2, sel: 2,
  wed: 3, wednesday: 3, rabu: 3, rab: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, kamis: 4, kam: 4,
  fri: 5, friday: 5, jumat: 5, "jum'at": 5, jum: 5,
  sat: 6, saturday: 6, sabtu: 6, sab: 6,
};

const DAY_GROUPS: Readonly<Record<string, string>> = {
  daily: '*', 'every day': '*', everyday: '*', 'setiap hari': '*', 'tiap hari': '*',
  weekdays: '1-5', weekday: '1-5', 'hari kerja': '1-5', 'senin-jumat': '1-5', 'mon-fri': '1-5',
  weekends: '0,6', weekend: '0,6', 'akhir pekan': '0,6', 'sabtu-minggu': '0,6', 'sat-sun': '0,6',
};

const TIME = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|wib|wita|wit)?$/;

function parseTime(text: string, input: string): { hour: number; minute: number } {
  const match = TIME.exec(text.trim());
  if (match === null) throw new ScheduleError('bad_time', input, text.trim());
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const suffix = match[3];
  if (match[2] === undefined && suffix !== 'am' && suffix !== 'pm') throw new ScheduleError('bad_time', input, text.trim());
  if (suffix === 'am' || suffix === 'pm') {
    if (hour < 1 || hour > 12) throw new ScheduleError('bad_time', input, text.trim());
    hour = (hour % 12) + (suffix === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) throw new ScheduleError('bad_time', input, text.trim());
  return { hour, minute };
}

function parseDays(text: string, input: string): string {
  const group = DAY_GROUPS[text];
  if (group !== undefined) return group;
  const days = new Set<number>();
  for (const part of text.split(/\s*(?:,|\/|\s|&|\bdan\b|\band\b)\s*/).filter((p) => p !== '')) {
    const range = /^([a-z']+)-([a-z']+)$/.exec(part);
    if (range !== null) {
      const from = DAY_WORDS[range[1] ?? ''];
      const to = DAY_WORDS[range[2] ?? ''];
      if (from === undefined || to === undefined) throw new ScheduleError('bad_days', input, part);
      for (let day = from; ; day = (day + 1) % 7) {
        days.add(day);
        if (day === to) break;
      }
      continue;
    }
    const day = DAY_WORDS[part];
    if (day === undefined) throw new ScheduleError('bad_days', input, part);
    days.add(day);
  }
  if (days.size === 0) throw new ScheduleError('bad_days', input, text);
  return days.size === 7 ? '*' : [...days].sort((a, b) => a - b).join(',');
}

function friendlyToCron(text: string, input: string): string | undefined {
  const words = /^(?:(.*?)\s+)?(?:(?:at|pukul|jam)\s+)?(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|wib|wita|wit)?)$/.exec(text);
  if (words === null) return undefined;
  const { hour, minute } = parseTime(words[2] ?? '', input);
  const days = words[1] === undefined || words[1] === '' ? '*' : parseDays(words[1].trim(), input);
  return `${minute} ${hour} * * ${days}`;
}

function compileCron(cron: string, timeZone: string | undefined, input: string): Cron {
  try {
    return new Cron(cron, { timezone: timeZone, mode: '5-part', paused: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    throw new ScheduleError('bad_cron', input, message);
  }
}

/** Shortest gap between the next runs; catches `*\/5 * * * *` as well as `0,10 7 * * *`. */
function shortestGapMinutes(job: Cron, from: Date): number {
  const runs = job.nextRuns(48, from);
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < runs.length; i++) {
    const gap = ((runs[i]?.getTime() ?? 0) - (runs[i - 1]?.getTime() ?? 0)) / 60_000;
    shortest = Math.min(shortest, gap);
  }
  return shortest;
}

/**
 * Reads `07:00`, `7.30`, `weekdays 08:30`, `senin,rabu 06:00`, `hari kerja 08.00`, `@daily`
 * or a 5-field cron expression; throws ScheduleError with a code for anything else.
 */
export function parseSchedule(raw: string, timeZone?: string, reference: Date = new Date()): ParsedSchedule {
  const input = raw.trim().replace(/\s+/g, ' ');
  if (input === '') throw new ScheduleError('empty', raw);
  const text = input.toLowerCase();
  const looksLikeCron = text.startsWith('@') || /^[\d*?,/#lw-]+(\s+[\w*?,/#-]+){4}$/i.test(text);
  const cron = looksLikeCron ? text : friendlyToCron(text, input);
  if (cron === undefined) throw new ScheduleError('bad_cron', input, 'expected a time like 07:00, "weekdays 08:30" or 5 cron fields');
  const job = compileCron(cron, timeZone, input);
  if (job.nextRun(reference) === null) throw new ScheduleError('never_runs', input);
  if (shortestGapMinutes(job, reference) < MIN_INTERVAL_MINUTES) {
    throw new ScheduleError('too_frequent', input, `${MIN_INTERVAL_MINUTES}`);
  }
  return { input, cron };
}

const jobs = new Map<string, Cron>();

function jobFor(cron: string, timeZone: string): Cron {
  const key = `${timeZone} ${cron}`;
  let job = jobs.get(key);
  if (job === undefined) {
    job = new Cron(cron, { timezone: timeZone, mode: '5-part', paused: true });
    jobs.set(key, job);
  }
  return job;
}

/** The first run strictly after `after`, or null when the expression never runs again. */
export function nextRunAfter(cron: string, timeZone: string, after: number): number | null {
  return jobFor(cron, timeZone).nextRun(new Date(after))?.getTime() ?? null;
}

/** The latest run at or before `at`, or null. */
export function latestRunAtOrBefore(cron: string, timeZone: string, at: number): number | null {
  return jobFor(cron, timeZone).previousRuns(1, new Date(at + 1))[0]?.getTime() ?? null;
}
