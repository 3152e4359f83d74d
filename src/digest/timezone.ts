/** Indonesian zone names moderators actually type. */
const ALIASES: Readonly<Record<string, string>> = {
  wib: 'Asia/Jakarta',
  wita: 'Asia/Makassar',
  wit: 'Asia/Jayapura',
  jakarta: 'Asia/Jakarta',
  utc: 'UTC',
  gmt: 'UTC',
};

let zoneIndex: Map<string, string> | undefined;

function zones(): Map<string, string> {
  if (zoneIndex === undefined) {
    zoneIndex = new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
    zoneIndex.set('utc', 'UTC');
  }
  return zoneIndex;
}

/** Whether Intl knows the zone; the configuration validates its default the same way. */
export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The canonical IANA name for what was typed (`asia/jakarta`, `WIB`, `Europe/Berlin`), or null. */
export function resolveTimeZone(input: string): string | null {
  const text = input.trim().replace(/\s+/g, '_');
  if (text === '') return null;
  const lower = text.toLowerCase();
  const alias = ALIASES[lower];
  if (alias !== undefined) return alias;
  const known = zones().get(lower);
  if (known !== undefined) return known;
  return isValidZone(text) ? new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone : null;
}

/** Zones whose name contains what was typed, for autocomplete; the most likely first. */
export function suggestTimeZones(query: string, limit: number): string[] {
  const needle = query.trim().toLowerCase().replace(/\s+/g, '_');
  const all = [...zones().values()];
  if (needle === '') return ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'UTC'].slice(0, limit);
  const alias = ALIASES[needle];
  const starts = all.filter((zone) => zone.toLowerCase().split('/').some((part) => part.startsWith(needle)));
  const contains = all.filter((zone) => zone.toLowerCase().includes(needle) && !starts.includes(zone));
  const ordered = [...(alias === undefined ? [] : [alias]), ...starts, ...contains];
  return [...new Set(ordered)].slice(0, limit);
}
