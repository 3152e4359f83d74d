import type { Repositories, Store } from './store.js';
import type { StoreUnavailable } from './unavailable.js';

/** Every method of a repository rejects with `error`. */
function refusing<T extends object>(error: StoreUnavailable): T {
  return new Proxy({} as T, { get: () => () => Promise.reject(error) });
}

/**
 * A store that could not be opened, standing in for it: every operation rejects with the reason, so that what uses it
 * (the digest service, /digest status) says why instead of failing in some other way.
 */
export function unavailableStore(error: StoreUnavailable, backend: Store['backend']): Store {
  const repositories: Repositories = {
    schedules: refusing(error),
    ledger: refusing(error),
    runs: refusing(error),
    leases: refusing(error),
    interactions: refusing(error),
    feeds: refusing(error),
    corpus: refusing(error),
  };
  return { ...repositories, backend, ping: () => Promise.reject(error), close: async () => undefined };
}
