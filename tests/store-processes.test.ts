import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS, storeFixture } from './helpers/store-backends.js';
import { GUILD } from './helpers/store-fixtures.js';
import { repoRoot } from './helpers/tmp.js';

const CHANNELS = 6;
const MESSAGES_PER_RUN = 5;
const WORKERS = 3;

interface Post {
  readonly nonce: string;
  readonly holder: string;
}

/** A channel endpoint that, like Discord with enforce_nonce, answers a repeated nonce with the message already made. */
async function channelServer(onPost: (post: Post, count: number) => void): Promise<{ url: string; posts: Post[]; created: Map<string, string>; close(): Promise<void> }> {
  const posts: Post[] = [];
  const created = new Map<string, string>();
  const server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { nonce } = JSON.parse(body) as { nonce: string };
      const post = { nonce, holder: String(request.headers['x-holder']) };
      posts.push(post);
      if (!created.has(nonce)) created.set(nonce, String(1_000_000 + created.size));
      onPost(post, posts.filter((p) => p.holder === post.holder).length);
      // A little latency, so deliveries of different processes overlap.
      setTimeout(() => {
        if (!response.destroyed) response.end(JSON.stringify({ id: created.get(nonce) }));
      }, 15);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, posts, created, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function worker(backend: string, location: string, holder: string, url: string): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'tests', 'helpers', 'delivery-worker.ts'), backend, location, holder, url, '1500'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal === null ? code : -1)));
  return { child, exited };
}

describe.each(BACKENDS)('delivery by several processes sharing one %s store', (backend) => {
  const fixture = storeFixture(backend);

  it('posts every message exactly once when one process is killed between posting and recording it', async () => {
    const { store, location } = await fixture.fresh();
    const ids = [...(await store.ledger.record(Array.from({ length: CHANNELS * MESSAGES_PER_RUN }, (_, i) => ({ articleId: `a${i}`, title: `A${i}`, keys: [`content:${i}`], fingerprint: 'f1' })), 1)).values()].map((ref) => ref.storyId);
    for (let c = 0; c < CHANNELS; c++) {
      const channelId = `30000000000000000${c}`;
      const result = await store.runs.record(
        {
          channelId,
          guildId: GUILD,
          slot: 's:1',
          trigger: 'schedule',
          scheduledFor: 1,
          cutoffStory: Math.max(...ids),
          messages: Array.from({ length: MESSAGES_PER_RUN }, (_, seq) => ({ seq, nonce: `${channelId}-${seq}`, payload: '{}' })),
          deliveries: Array.from({ length: MESSAGES_PER_RUN }, (_, seq) => ({ storyId: ids[c * MESSAGES_PER_RUN + seq] ?? -1, articleId: 'a', title: 'A', seq })),
        },
        2,
      );
      expect(result.status).toBe('recorded');
    }
    const workers: ReturnType<typeof worker>[] = [];
    let victim: string | undefined;
    const server = await channelServer((post, count) => {
      // Whichever process first has a second post reach the channel dies before it can record it as delivered:
      // 30 messages among 3 processes, so some process always gets there, however the start-up race goes.
      if (count === 2 && victim === undefined) {
        victim = post.holder;
        workers[Number(post.holder.slice(1))]?.child.kill('SIGKILL');
      }
    });
    try {
      for (let i = 0; i < WORKERS; i++) workers.push(worker(backend, location, `w${i}`, server.url));
      const codes = await Promise.all(workers.map((w) => w.exited));
      expect(victim).toBeDefined();
      expect(codes).toEqual(workers.map((_, i) => (`w${i}` === victim ? -1 : 0)));
      const nonces = Array.from({ length: CHANNELS }, (_, c) => Array.from({ length: MESSAGES_PER_RUN }, (__, seq) => `30000000000000000${c}-${seq}`)).flat();
      expect([...server.created.keys()].sort()).toEqual([...nonces].sort());
      // A nonce posted twice is the one the killed process had posted; nobody else ever sent a message twice.
      const byNonce = new Map<string, string[]>();
      for (const post of server.posts) byNonce.set(post.nonce, [...(byNonce.get(post.nonce) ?? []), post.holder]);
      const repeated = [...byNonce.entries()].filter(([, holders]) => holders.length > 1);
      expect(repeated.length).toBeLessThanOrEqual(1);
      for (const [, holders] of repeated) expect(holders[0]).toBe(victim);
      for (const run of await store.runs.pending()) throw new Error(`run ${run.id} still pending`);
      for (let c = 0; c < CHANNELS; c++) {
        const deliveries = await store.runs.deliveriesOf(`30000000000000000${c}`);
        expect(deliveries.map((d) => d.status)).toEqual(Array.from({ length: MESSAGES_PER_RUN }, () => 'delivered'));
        expect(new Set(deliveries.map((d) => d.messageId)).size).toBe(MESSAGES_PER_RUN);
      }
    } finally {
      for (const w of workers) w.child.kill('SIGKILL');
      await server.close();
    }
  }, 180_000);
});
