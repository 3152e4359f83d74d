// One delivery process for tests/store-processes.test.ts: claims pending runs and posts their messages with their
// nonces to a Discord-like channel server, marking each delivered, as the digest engine does; exits when none is left.
import { setTimeout as sleep } from 'node:timers/promises';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';

const [backend = '', location = '', holder = '', serverUrl = '', ttlText = '2000'] = process.argv.slice(2);
const ttlMs = Number(ttlText);
const store: Store = backend === 'sqlite' ? openSqliteStore({ dataDir: location, backups: false }).store : (await openPostgresStore(location, { poolSize: 2 })).store;

async function deliver(runId: number, channelId: string): Promise<void> {
  for (const message of await store.runs.messagesOf(runId)) {
    if (message.status === 'delivered') continue;
    // Another process took the run over (this one was too slow): it must not send.
    if (!(await store.runs.beginSend(runId, message.seq, holder, ttlMs, Date.now()))) return;
    const response = await fetch(`${serverUrl}/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-holder': holder },
      body: JSON.stringify({ nonce: message.nonce, enforce_nonce: true, payload: message.payload }),
    });
    const { id } = (await response.json()) as { id: string };
    await store.runs.markDelivered(runId, message.seq, id, Date.now());
  }
  await store.runs.complete(runId, Date.now());
}

for (;;) {
  const pending = await store.runs.pending();
  if (pending.length === 0) break;
  let worked = false;
  for (const run of pending) {
    const claimed = await store.runs.claim(run.id, holder, ttlMs, Date.now());
    if (claimed === undefined) continue;
    worked = true;
    await deliver(run.id, run.channelId);
  }
  if (!worked) await sleep(50);
}
await store.close();
console.log('done');
