import { describe, expect, it } from 'vitest';
import { parseSchedule, ScheduleError, nextRunAfter, resolveTimeZone, suggestTimeZones } from '../src/digest/index.js';
import { latestRunAtOrBefore } from '../src/digest/schedule.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function errorOf(input: string): ScheduleError {
  try {
    parseSchedule(input, 'Asia/Jakarta', new Date('2025-01-01T00:00:00Z'));
  } catch (error) {
    if (error instanceof ScheduleError) return error;
    throw error;
  }
  throw new Error(`"${input}" was accepted`);
}

describe('friendly schedules', () => {
  it.each([
    ['07:00', '0 7 * * *'],
    ['7.30', '30 7 * * *'],
    ['  18:05 ', '5 18 * * *'],
    ['7am', '0 7 * * *'],
    ['6:15 pm', '15 18 * * *'],
    ['weekdays 08:30', '30 8 * * 1-5'],
    ['Hari Kerja 08.30', '30 8 * * 1-5'],
    ['weekends at 09:00', '0 9 * * 0,6'],
    ['daily 06:00', '0 6 * * *'],
    ['setiap hari pukul 06.00', '0 6 * * *'],
    ['mon,wed,fri 07:00', '0 7 * * 1,3,5'],
    ['senin rabu jumat 07:00', '0 7 * * 1,3,5'],
    ['sabtu 10:00', '0 10 * * 6'],
    ['fri-mon 12:00', '0 12 * * 0,1,5,6'],
    ['0 7 * * 1-5', '0 7 * * 1-5'],
    ['0 7,19 * * *', '0 7,19 * * *'],
    ['30 6 1 * *', '30 6 1 * *'],
    ['0 8 * * MON-FRI', '0 8 * * mon-fri'],
    ['@daily', '@daily'],
  ])('%s → %s', (input, cron) => {
    expect(parseSchedule(input, 'Asia/Jakarta').cron).toBe(cron);
  });

  it.each([
    ['', 'empty'],
    ['25:00', 'bad_time'],
    ['07:75', 'bad_time'],
    ['funday 07:00', 'bad_days'],
    ['every morning', 'bad_cron'],
    ['61 * * * *', 'bad_cron'],
    ['0 7 * * * *', 'bad_cron'],
    ['0 0 30 2 *', 'never_runs'],
    ['* * * * *', 'too_frequent'],
    ['*/10 * * * *', 'too_frequent'],
    ['0,10 7 * * *', 'too_frequent'],
  ])('rejects %j with %s', (input, code) => {
    const error = errorOf(input);
    expect(error.code).toBe(code);
    expect(error.input).toBe(input.trim());
  });

  it('names the part it could not read', () => {
    expect(errorOf('weekdays 8:3x').code).toBe('bad_cron');
    expect(errorOf('funday 07:00').detail).toBe('funday');
    expect(errorOf('61 * * * *').detail).toMatch(/minute/i);
  });
});

describe('next run at the right local time', () => {
  it('07:00 in Asia/Jakarta is midnight UTC, every day, with no daylight saving', () => {
    const { cron } = parseSchedule('07:00', 'Asia/Jakarta');
    expect(iso(nextRunAfter(cron, 'Asia/Jakarta', at('2025-01-01T00:00:00Z')))).toBe('2025-01-02T00:00:00.000Z');
    expect(iso(nextRunAfter(cron, 'Asia/Jakarta', at('2025-01-01T23:59:00Z')))).toBe('2025-01-02T00:00:00.000Z');
    expect(iso(nextRunAfter(cron, 'Asia/Jakarta', at('2025-07-01T00:00:00Z')))).toBe('2025-07-02T00:00:00.000Z');
  });

  it('weekdays 08:30 in Asia/Jakarta skips the weekend', () => {
    const { cron } = parseSchedule('weekdays 08:30', 'Asia/Jakarta');
    // Friday 2025-01-03 09:00 WIB → Monday 2025-01-06 08:30 WIB
    expect(iso(nextRunAfter(cron, 'Asia/Jakarta', at('2025-01-03T02:00:00Z')))).toBe('2025-01-06T01:30:00.000Z');
  });

  it('07:00 in America/New_York follows daylight saving time', () => {
    const { cron } = parseSchedule('07:00', 'America/New_York');
    expect(iso(nextRunAfter(cron, 'America/New_York', at('2025-03-08T13:00:00Z')))).toBe('2025-03-09T11:00:00.000Z');
    expect(iso(nextRunAfter(cron, 'America/New_York', at('2025-03-07T13:00:00Z')))).toBe('2025-03-08T12:00:00.000Z');
    expect(iso(nextRunAfter(cron, 'America/New_York', at('2025-11-01T12:00:00Z')))).toBe('2025-11-02T12:00:00.000Z');
  });

  it('Asia/Jayapura (WIT) is two hours ahead of Jakarta', () => {
    expect(iso(nextRunAfter('0 7 * * *', 'Asia/Jayapura', at('2025-01-01T00:00:00Z')))).toBe('2025-01-01T22:00:00.000Z');
  });

  it('finds the latest due run for a make-up', () => {
    expect(iso(latestRunAtOrBefore('0 7 * * *', 'Asia/Jakarta', at('2025-01-05T03:00:00Z')))).toBe('2025-01-05T00:00:00.000Z');
    expect(iso(latestRunAtOrBefore('0 7 * * *', 'Asia/Jakarta', at('2025-01-05T00:00:00Z')))).toBe('2025-01-05T00:00:00.000Z');
  });
});

describe('time zones', () => {
  it.each([
    ['Asia/Jakarta', 'Asia/Jakarta'],
    ['asia/jakarta', 'Asia/Jakarta'],
    ['WIB', 'Asia/Jakarta'],
    ['wita', 'Asia/Makassar'],
    ['WIT', 'Asia/Jayapura'],
    ['europe/london', 'Europe/London'],
    ['America/New York', 'America/New_York'],
    ['UTC', 'UTC'],
  ])('%s → %s', (input, zone) => {
    expect(resolveTimeZone(input)).toBe(zone);
  });

  it.each(['Mars/Olympus', 'Jakarta/Asia', '', 'GMT+25'])('rejects %j', (input) => {
    expect(resolveTimeZone(input)).toBeNull();
  });

  it('suggests zones for autocomplete, Indonesian ones first when nothing is typed', () => {
    expect(suggestTimeZones('', 25)[0]).toBe('Asia/Jakarta');
    expect(suggestTimeZones('jak', 25)).toContain('Asia/Jakarta');
    expect(suggestTimeZones('wita', 25)[0]).toBe('Asia/Makassar');
    expect(suggestTimeZones('a', 25).length).toBeLessThanOrEqual(25);
  });
});
