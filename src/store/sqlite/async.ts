import { methodNames } from '../guard.js';
import { classifyStoreError } from '../unavailable.js';

/** The synchronous form of an async repository interface: what SQLite implements. */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

/**
 * The async interface over a synchronous SQLite repository: each call runs at once and returns a settled promise;
 * outages (full disk, read-only, locked) reject as StoreUnavailable.
 */
export function asAsync<T extends object>(sync: Sync<T>, area: string): T {
  const view: Record<string, unknown> = {};
  for (const name of methodNames(sync)) {
    const method = (sync as Record<string, unknown>)[name];
    if (typeof method !== 'function') continue;
    view[name] = (...args: unknown[]): Promise<unknown> => {
      try {
        return Promise.resolve(method.apply(sync, args));
      } catch (error) {
        return Promise.reject(classifyStoreError(error, `${area}.${name}`) ?? error);
      }
    };
  }
  return view as T;
}
