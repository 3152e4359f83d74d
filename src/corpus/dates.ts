const MONTHS: Readonly<Record<string, number>> = {
  januari: 1, jan: 1, februari: 2, feb: 2, pebruari: 2, maret: 3, mar: 3, april: 4, apr: 4, mei: 5,
  juni: 6, jun: 6, juli: 7, jul: 7, agustus: 8, agu: 8, agt: 8, ags: 8, aug: 8, september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, november: 11, nov: 11, nopember: 11, desember: 12, des: 12, dec: 12,
  // English month names, as some Indonesian outlets print them (`Jumat, 17 February 2017, 13:16 WIB`)
  january: 1, february: 2, march: 3, may: 5, june: 6, july: 7, august: 8, october: 10, december: 12,
};

const ZONES: Readonly<Record<string, string>> = { wib: '+07:00', wita: '+08:00', wit: '+09:00', gmt: '+00:00', utc: '+00:00' };

const DAY = String.raw`(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)`;
const textual = new RegExp(
  String.raw`^(?:${DAY}\s*,?\s*)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4})(?:\s*(?:[-–|,]|pukul)?\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?\s*(wib|wita|wit|gmt|utc)?\s*$`,
  'i',
);
const numeric = new RegExp(
  String.raw`^(?:[\w.]+\s+-\s+)?(?:${DAY}\s*,?\s*)?(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*,?\s*(\d{1,2})[:.](\d{2}))?\s*(wib|wita|wit|gmt|utc)?\s*$`,
  'i',
);

const pad = (n: number): string => String(n).padStart(2, '0');

function compose(year: number, month: number, day: number, hour: number, minute: number, second: number, offset: string): string | null {
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${offset}`;
}

/** Reads an Indonesian news date line (`Kamis, 14 September 2023 - 20:22 WIB`, `14/09/2023, 20:22 WIB`); Indonesian time (WIB) when no zone is named. */
export function parseIndonesianDate(line: string): string | null {
  const text = line.trim();
  if (text.length > 80) return null;
  const t = textual.exec(text);
  if (t) {
    const month = MONTHS[(t[2] ?? '').toLowerCase()];
    if (month === undefined) return null;
    const offset = ZONES[(t[7] ?? 'wib').toLowerCase()] ?? '+07:00';
    return compose(Number(t[3]), month, Number(t[1]), Number(t[4] ?? 0), Number(t[5] ?? 0), Number(t[6] ?? 0), offset);
  }
  const n = numeric.exec(text);
  if (n) {
    const offset = ZONES[(n[6] ?? 'wib').toLowerCase()] ?? '+07:00';
    return compose(Number(n[3]), Number(n[2]), Number(n[1]), Number(n[4] ?? 0), Number(n[5] ?? 0), 0, offset);
  }
  return null;
}

const isoLike = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Normalises a date given in metadata (ISO 8601 or an Indonesian date) to ISO 8601 with an offset; Indonesian time when none is given. */
export function normalizeDate(value: string): string | null {
  const text = value.trim();
  const m = isoLike.exec(text);
  if (m) {
    let offset = m[7] ?? '+07:00';
    if (offset.toUpperCase() === 'Z') offset = '+00:00';
    else if (!offset.includes(':')) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
    return compose(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), offset);
  }
  return parseIndonesianDate(text);
}

/** Milliseconds since the epoch for sorting; null dates sort last. */
export function publishedTime(published: string | null): number {
  if (published === null) return Number.NEGATIVE_INFINITY;
  const ms = Date.parse(published);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}
