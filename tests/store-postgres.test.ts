import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';
import { openPostgresStore, openStore, StoreUnavailable } from '../src/store/index.js';
import { postgresServerUrl } from './helpers/postgres.js';
import { storeFixture } from './helpers/store-backends.js';

describe('the PostgreSQL store', () => {
  const fixture = storeFixture('postgres');

  it('hears every corpus change once, in order, also those sent while its listening connection was cut', async () => {
    const { store, peer, location } = await fixture.fresh();
    const sender = await peer();
    const heard: number[] = [];
    const errors: unknown[] = [];
    const subscription = await store.corpus.subscribe((change) => heard.push(change.id), (error) => errors.push(error));
    const sent = [(await sender.corpus.notify('added', '{}', 1)).id];
    await waitFor(() => heard.length === 1);
    const admin = postgres(location, { max: 1, onnotice: () => undefined });
    try {
      const killed = await admin`
        SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'listen %'`;
      expect(killed.length).toBe(1);
    } finally {
      await admin.end();
    }
    for (let i = 0; i < 5; i++) sent.push((await sender.corpus.notify('added', `{"n":${i}}`, 2 + i)).id);
    await waitFor(() => heard.length === sent.length);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual(sent);
    await subscription.close();
  });

  it('opens through openStore when DATABASE_URL is set', async () => {
    const { location } = await fixture.fresh();
    const { store, migrated, warnings } = await openStore({ dataDir: '/nonexistent-unused', databaseUrl: location });
    try {
      expect(store.backend).toBe('postgres');
      // fresh() has migrated this schema already.
      expect(migrated).toEqual([]);
      expect(await store.schedules.active()).toEqual([]);
      expect(warnings).toEqual([]);
      await store.ping();
    } finally {
      await store.close();
    }
  });

  it('says the server cannot be reached, or refused the password, without showing the password', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const unreachable = await openPostgresStore(`postgres://ringkas:secret-pw@127.0.0.1:${closedPort}/ringkas`, { connectTimeoutSeconds: 5 }).catch((error: unknown) => error);
    expect(unreachable).toBeInstanceOf(StoreUnavailable);
    expect(unreachable).toMatchObject({ cause: 'unreachable', whatToDo: expect.stringMatching(/DATABASE_URL/) });
    expect(String((unreachable as StoreUnavailable).detail)).not.toContain('secret-pw');

    const server = new URL(await postgresServerUrl());
    server.password = 'wrong-password';
    const denied = await openPostgresStore(server.toString()).catch((error: unknown) => error);
    expect(denied).toMatchObject({ name: 'StoreUnavailable', cause: 'access_denied' });
    expect(String((denied as StoreUnavailable).detail)).not.toContain('wrong-password');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('DATABASE_URL', () => {
  it('names the PostgreSQL store; the configuration checks it without echoing it', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://ringkas:secret@db:5432/ringkas' }).databaseUrl).toBe('postgres://ringkas:secret@db:5432/ringkas');
    expect(parseConfig({ DATABASE_URL: '' }).databaseUrl).toBeNull();
    expect(() => parseConfig({ DATABASE_URL: 'mysql://root:secret@db/ringkas' })).toThrow(ConfigError);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://root:secret@db/ringkas' })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://root:secret@db/ringkas' })).not.toThrow(/secret/);
  });
});
