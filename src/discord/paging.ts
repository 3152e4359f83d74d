import { createHash } from 'node:crypto';

/** A page-turn button's state, carried in its custom_id so pages keep working across restarts. */
export interface PageRef {
  readonly direction: 'prev' | 'next';
  readonly page: number;
  /** Only this user may turn the pages. */
  readonly askerId: string;
  /** Short keys (see keyOf) naming what is paged, e.g. a speaker and an article. */
  readonly keys: readonly string[];
}

/** A fixed-length key for an id of any length, so a custom_id stays within Discord's 100 characters. */
export function keyOf(id: string | null): string {
  return id === null ? '-' : createHash('sha256').update(id).digest('base64url').slice(0, 12);
}

export function encodePage(prefix: string, ref: PageRef): string {
  return [prefix, ref.direction === 'prev' ? 'p' : 'n', String(ref.page), ref.askerId, ...ref.keys].join(':');
}

export function decodePage(customId: string): PageRef | null {
  const [, direction, page, askerId, ...keys] = customId.split(':');
  if ((direction !== 'p' && direction !== 'n') || page === undefined || askerId === undefined || !/^\d{1,5}$/.test(page)) return null;
  if (!/^\d{1,20}$/.test(askerId) || keys.some((key) => !/^(-|[\w-]{12})$/.test(key))) return null;
  return { direction: direction === 'p' ? 'prev' : 'next', page: Number(page), askerId, keys };
}
