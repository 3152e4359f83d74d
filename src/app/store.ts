import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openStore, type Store } from '../store/index.js';

/**
 * The store of this process (SQLite in DATA_DIR today), opened once at start-up; /healthz pings it. Null, logged, when it
 * cannot be opened: the bot still answers from its library.
 */
export async function openAppStore(config: Pick<Config, 'dataDir'>, log: Logger): Promise<Store | null> {
  try {
    const { store, warnings, migrated } = await openStore({ dataDir: config.dataDir, backups: false });
    for (const warning of warnings) log.error({ warning }, 'the database needed attention at start-up');
    log.debug({ backend: store.backend, migrated }, 'store open');
    return store;
  } catch (error) {
    log.error({ err: error }, 'the store could not be opened');
    return null;
  }
}
