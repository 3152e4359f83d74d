// Opens the SQLite store in argv[2] (optionally saving a schedule) and prints the outcome as one JSON line; the
// read-only tests run it as a user who may not write there (root may write anywhere).
import { openSqliteStore, StoreUnavailable } from '../../src/store/index.js';
import { scheduleSettings } from './store-fixtures.js';

const [dataDir = '', action = 'open'] = process.argv.slice(2);
try {
  const { store, warnings } = openSqliteStore({ dataDir, backups: false });
  try {
    if (action === 'save') await store.schedules.save(scheduleSettings(), Date.now(), 25);
    console.log(JSON.stringify({ ok: true, warnings: warnings.length }));
  } finally {
    await store.close();
  }
} catch (error) {
  if (!(error instanceof StoreUnavailable)) throw error;
  console.log(JSON.stringify({ ok: false, cause: error.cause, detail: error.detail, whatToDo: error.whatToDo }));
}
