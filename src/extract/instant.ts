import { normalizeDate, parseIndonesianDate } from '../corpus/dates.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const rfc822 = /^(?:[a-z]{3},?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(gmt|ut|utc|z|[+-]\d{4}|[a-z]{3})?$/i;
const ZONES: Readonly<Record<string, string>> = { gmt: '+00:00', ut: '+00:00', utc: '+00:00', z: '+00:00', wib: '+07:00', wita: '+08:00', wit: '+09:00', est: '-05:00', edt: '-04:00', pst: '-08:00', pdt: '-07:00' };
const pad = (n: number | string): string => String(n).padStart(2, '0');

function fromRfc822(text: string): string | null {
  const m = rfc822.exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
  if (month === 0) return null;
  const year = Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
  const zone = (m[7] ?? 'gmt').toLowerCase();
  const offset = /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : ZONES[zone];
  if (offset === undefined) return null;
  return normalizeDate(`${year}-${pad(month)}-${pad(m[1] ?? '')}T${pad(m[4] ?? '')}:${m[5]}:${m[6] ?? '00'}${offset}`);
}

/**
 * A date as feeds and pages write it (ISO 8601 with or without zone, `2015-11-05 T10:08:58Z`, RFC 822 `Thu, 14 Sep
 * 2023 13:22:00 +0700`, an Indonesian date line) → ISO 8601 with an offset; Indonesian time (WIB) when none is given.
 */
export function normalizeInstant(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim().replace(/^(\d{4}-\d{2}-\d{2})\s+T/, '$1T');
  if (text === '' || text.length > 80) return null;
  return normalizeDate(text) ?? fromRfc822(text) ?? null;
}

const DAY = String.raw`(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)`;
const dateInText = new RegExp(
  String.raw`(?:${DAY}\s*,?\s*)?(?:\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})(?:\s*(?:[-–|,]|pukul)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?(?:\s*(?:wib|wita|wit|gmt|utc)\b)?`,
  'i',
);

/** The first Indonesian date line inside a short text (`Kamis, 5 November 2015 14:56 WIB | 1.229 Views`), with whether it names a time. */
export function dateLineIn(text: string): { iso: string; hasTime: boolean } | null {
  const match = dateInText.exec(text.replace(/(\d{1,2}\s+\p{L}{3,9}),\s*(\d{4})/u, '$1 $2'));
  if (!match) return null;
  const iso = parseIndonesianDate(match[0]);
  return iso === null ? null : { iso, hasTime: /\d[:.]\d{2}/.test(match[0].replace(/\d{4}$/, '')) };
}
