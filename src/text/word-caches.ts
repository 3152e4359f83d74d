import { clearStemCaches } from './stem.js';
import { clearTermCache } from './terms.js';

/** Empties the memos of words met so far (stems, index terms): caches only, so every answer stays the same as they refill. */
export function clearWordCaches(): void {
  clearStemCaches();
  clearTermCache();
}
