import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type FullCollection = (options: { readonly type: 'major'; readonly execution: 'async' }) => Promise<void> | undefined;

let found: FullCollection | null | undefined;

/** V8's full collection: the one --expose-gc gives, else fetched from a context made while the flag was on for a moment. */
function fullCollection(): FullCollection | null {
  if (found !== undefined) return found;
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return (found = exposed as FullCollection);
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    found = typeof gc === 'function' ? (gc as FullCollection) : null;
  } catch {
    found = null;
  } finally {
    // Contexts made later (a page's window) get no `gc` of their own.
    setFlagsFromString('--no-expose-gc');
  }
  return found;
}

let pending: NodeJS.Timeout | null = null;

/**
 * Asks for a full collection shortly. After the corpus shrank, the old library is garbage, but V8 collects its old space
 * only when it next needs room: a bot that answers little may hold a gigabyte of it for minutes (measured: 63 s idle for a
 * 20,000-article library, longer while small answers keep it busy). The collection marks only what is live, so it is short.
 */
export function collectSoon(delayMs = 1_000): void {
  if (pending !== null) return;
  pending = setTimeout(() => {
    pending = null;
    fullCollection()?.({ type: 'major', execution: 'async' });
  }, delayMs);
  pending.unref();
}

/**
 * A full collection now, run alongside this thread (incremental marking, no pause), settled once done; at once when none can
 * be had. Before a save's transient parts: the build before it left hundreds of megabytes for V8 to collect later.
 */
export async function collectAside(): Promise<void> {
  await fullCollection()?.({ type: 'major', execution: 'async' });
}
