import { once } from 'node:events';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { Permission, startDiscordServer, type LocalDiscordOptions, type LocalDiscordServer } from '../discord-emulator/index.js';

const servers: LocalDiscordServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const server of servers.splice(0)) await server.stop();
});

async function start(options: LocalDiscordOptions = {}): Promise<LocalDiscordServer> {
  const server = await startDiscordServer(options);
  servers.push(server);
  return server;
}

async function call(server: LocalDiscordServer, method: string, path: string, body?: unknown, auth = true) {
  const response = await fetch(`${server.apiUrl}/v10${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: `Bot ${server.token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** A minimal raw gateway client: identifies and collects dispatches. */
async function rawBot(server: LocalDiscordServer): Promise<{ dispatches: Array<{ t: string; d: Record<string, unknown> }> }> {
  const socket = new WebSocket(`${server.gatewayUrl}/?v=10&encoding=json`);
  sockets.push(socket);
  const dispatches: Array<{ t: string; d: Record<string, unknown> }> = [];
  socket.on('message', (data) => {
    const payload = JSON.parse(String(data)) as { op: number; t: string; d: Record<string, unknown> };
    if (payload.op === 10) socket.send(JSON.stringify({ op: 2, d: { token: server.token, intents: 1, properties: {} } }));
    if (payload.op === 0) dispatches.push({ t: payload.t, d: payload.d });
  });
  await once(server, 'ready');
  return { dispatches };
}

async function waitFor<T>(check: () => T | undefined, timeoutMs = 2000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const messagePath = (server: LocalDiscordServer, channel = '#general') => `/channels/${server.channel(channel).id}/messages`;
const fieldErrors = (body: unknown) => (body as { errors: unknown }).errors;

describe('local Discord server REST', () => {
  it('answers 401 without the bot token and records requests without the Authorization header', async () => {
    const server = await start();
    const anonymous = await call(server, 'GET', '/users/@me', undefined, false);
    expect(anonymous).toMatchObject({ status: 401, body: { message: '401: Unauthorized', code: 0 } });
    const me = await call(server, 'GET', '/users/@me');
    expect(me.body).toMatchObject({ id: server.applicationId, bot: true });
    expect(server.requests.map((r) => [r.path, r.status, r.authorized])).toEqual([
      ['/users/@me', 401, false],
      ['/users/@me', 200, true],
    ]);
    expect(Object.keys(server.requests[1]!.headers)).not.toContain('authorization');
  });

  it('serves /gateway/bot and /applications/@me the way discord.js expects', async () => {
    const server = await start();
    const gateway = await call(server, 'GET', '/gateway/bot');
    expect(gateway.body).toMatchObject({ url: server.gatewayUrl, shards: 1, session_start_limit: { total: 1000, max_concurrency: 1 } });
    const application = await call(server, 'GET', '/applications/@me');
    expect(application.body).toMatchObject({ id: server.applicationId, flags: 0, bot: { id: server.applicationId } });
    expect((await call(server, 'GET', '/nowhere')).status).toBe(404);
  });

  it('sends X-RateLimit headers on normal answers and enforces per-route buckets with a real 429', async () => {
    const server = await start({ rateLimits: { default: { limit: 2, windowMs: 60_000 } } });
    const first = await call(server, 'GET', `/channels/${server.channel('#news').id}`);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(0);
    expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    await call(server, 'GET', `/channels/${server.channel('#news').id}`);
    const limited = await call(server, 'GET', `/channels/${server.channel('#news').id}`);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const otherChannel = await call(server, 'GET', `/channels/${server.channel('#general').id}`);
    expect(otherChannel.status).toBe(200);
  });

  it('injects 429s with retry_after and global flags for the next N matching requests only', async () => {
    const server = await start();
    const rule = server.injectRateLimit({ method: 'GET', path: '/users/:id' }, { times: 2, retryAfter: 1.5, global: true });
    const first = await call(server, 'GET', '/users/@me');
    expect(first.status).toBe(429);
    expect(first.body).toEqual({ message: 'You are being rate limited.', retry_after: 1.5, global: true });
    expect(first.headers.get('x-ratelimit-global')).toBe('true');
    expect(first.headers.get('x-ratelimit-scope')).toBe('global');
    expect(first.headers.get('retry-after')).toBe('1.5');
    expect((await call(server, 'GET', '/users/@me')).status).toBe(429);
    expect((await call(server, 'GET', '/users/@me')).status).toBe(200);
    expect(rule.hits).toBe(2);
    server.injectServerError({ path: /^\/gateway/ }, { status: 502 });
    expect((await call(server, 'GET', '/gateway/bot')).status).toBe(502);
    expect(server.requests.at(-1)?.fault).toBe('server-error');
  });

  it('answers 204 with no body and no JSON content-type', async () => {
    const server = await start();
    const posted = await call(server, 'POST', messagePath(server), { content: 'hello' });
    const deleted = await fetch(`${server.apiUrl}/v10${messagePath(server)}/${String(posted.body?.id)}`, {
      method: 'DELETE',
      headers: { authorization: `Bot ${server.token}` },
    });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('content-type')).toBeNull();
    expect(await deleted.text()).toBe('');
    expect(server.channelMessages('general')).toEqual([]);
  });

  it('validates messages against every Discord limit with the Invalid Form Body shape', async () => {
    const server = await start();
    const post = (body: unknown) => call(server, 'POST', messagePath(server), body);
    const button = (id: string) => ({ type: 2, style: 1, label: id.slice(0, 10), custom_id: id });
    const cases: Array<[unknown, unknown]> = [
      [{ content: 'x'.repeat(2001) }, { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } }],
      [{ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }] } }],
      [{ embeds: [{ description: 'd'.repeat(4097) }] }, { embeds: { 0: { description: { _errors: [expect.objectContaining({ code: 'BASE_TYPE_MAX_LENGTH' })] } } } }],
      [{ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, { embeds: { 0: { fields: { _errors: [expect.objectContaining({ message: 'Must be 25 or fewer in length.' })] } } } }],
      [{ embeds: [{ fields: [{ name: 'n'.repeat(257), value: 'v'.repeat(1025) }] }] }, { embeds: { 0: { fields: { 0: { name: expect.anything(), value: expect.anything() } } } } }],
      [{ embeds: [{ footer: { text: 'f'.repeat(2049) }, author: { name: 'a'.repeat(257) } }] }, { embeds: { 0: { footer: { text: expect.anything() }, author: { name: expect.anything() } } } }],
      [{ embeds: [{ title: 'ok', url: 'not a url' }] }, { embeds: { 0: { url: { _errors: [{ code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }] } } } }],
      [{ components: Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [button(`b${i}`)] })) }, { components: { _errors: [expect.objectContaining({ message: 'Must be 5 or fewer in length.' })] } }],
      [{ components: [{ type: 1, components: Array.from({ length: 6 }, (_, i) => button(`b${i}`)) }] }, { components: { 0: { components: { _errors: [expect.objectContaining({ code: 'BASE_TYPE_BAD_LENGTH' })] } } } }],
      [{ components: [{ type: 1, components: [button('x'.repeat(101))] }] }, { components: { 0: { components: { 0: { custom_id: expect.anything() } } } } }],
      [{ components: [{ type: 1, components: [button('same'), button('same')] }] }, { components: { 0: { components: { 1: { custom_id: { _errors: [expect.objectContaining({ code: 'COMPONENT_CUSTOM_ID_DUPLICATED' })] } } } } } }],
    ];
    for (const [body, errors] of cases) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
      expect(fieldErrors(answer.body)).toEqual(errors);
    }
    expect(await post({ content: '  ' })).toMatchObject({ status: 400, body: { code: 50006, message: 'Cannot send an empty message' } });
    const atLimit = await post({ content: 'x'.repeat(2000), embeds: [{ title: 't'.repeat(256), description: 'd'.repeat(4096), footer: { text: 'f'.repeat(1000) } }] });
    expect(atLimit.status).toBe(200);
    expect(server.channelMessages('general')).toHaveLength(1);
  });

  it('accepts multipart bodies with payload_json and records the files', async () => {
    const server = await start();
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ content: 'with file', attachments: [{ id: 0, filename: 'a.txt' }] }));
    form.append('files[0]', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    const response = await fetch(`${server.apiUrl}/v10${messagePath(server)}`, { method: 'POST', headers: { authorization: `Bot ${server.token}` }, body: form });
    expect(response.status).toBe(200);
    const message = (await response.json()) as { content: string; attachments: Array<{ filename: string; size: number }> };
    expect(message.content).toBe('with file');
    expect(message.attachments).toEqual([expect.objectContaining({ filename: 'a.txt', size: 5 })]);
    expect(server.requests[0]?.files).toEqual([{ field: 'files[0]', name: 'a.txt', contentType: 'text/plain', size: 5 }]);
    expect(server.requests[0]?.body).toMatchObject({ content: 'with file' });
  });

  it('computes who a message pings from allowed_mentions', async () => {
    const server = await start();
    const moderator = server.user('moderator').id;
    const quiet = await call(server, 'POST', messagePath(server), { content: `"@everyone lihat" kata <@${moderator}>`, allowed_mentions: { parse: [] } });
    expect(quiet.body).toMatchObject({ mention_everyone: false, mentions: [] });
    const loud = await call(server, 'POST', messagePath(server), { content: `@everyone <@${moderator}>` });
    expect(loud.body).toMatchObject({ mention_everyone: true, mentions: [expect.objectContaining({ id: moderator })] });
    const invalid = await call(server, 'POST', messagePath(server), { content: 'x', allowed_mentions: { parse: ['users'], users: [moderator] } });
    expect(invalid.status).toBe(400);
  });

  it('applies channel permission overwrites to the bot', async () => {
    const server = await start({
      world: {
        guilds: [{
          name: 'Perms',
          channels: [{ name: 'general' }, { name: 'readonly', overwrites: [{ target: 'everyone', deny: Permission.SendMessages }] }, { name: 'hidden', overwrites: [{ target: 'bot', deny: Permission.ViewChannel }] }],
        }],
      },
    });
    expect((await call(server, 'POST', messagePath(server, 'readonly'), { content: 'x' })).body).toMatchObject({ code: 50013 });
    expect((await call(server, 'POST', messagePath(server, 'hidden'), { content: 'x' })).body).toMatchObject({ code: 50001 });
    expect((await call(server, 'POST', '/channels/1/messages', { content: 'x' })).body).toMatchObject({ code: 10003 });
    expect((await call(server, 'POST', messagePath(server), '{not json')).status).toBe(400);
  });

  it('validates command definitions like Discord and keeps ids across PUTs', async () => {
    const server = await start();
    const path = `/applications/${server.applicationId}/guilds/${server.guild.id}/commands`;
    const summary = {
      name: 'summary',
      description: 'Summarise an article',
      description_localizations: { id: 'Ringkas sebuah artikel' },
      options: [{ name: 'article', description: 'Which', type: 3, autocomplete: true }],
    };
    const first = await call(server, 'PUT', path, [summary]);
    const again = await call(server, 'PUT', path, [summary]);
    const changed = await call(server, 'PUT', path, [{ ...summary, description: 'Summarise one article' }]);
    const version = (r: { body?: unknown }) => (r.body as Array<{ id: string; version: string }>)[0]!;
    const [a, b, c] = [version(first), version(again), version(changed)];
    expect(b.id).toBe(a.id);
    expect(b.version).toBe(a.version);
    expect(c.id).toBe(a.id);
    expect(c.version).not.toBe(a.version);
    expect(server.commandRegistrations.map((r) => r.method)).toEqual(['PUT', 'PUT', 'PUT']);

    const invalid = async (definition: unknown) => {
      const answer = await call(server, 'PUT', path, [definition]);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
      return fieldErrors(answer.body) as Record<string, Record<string, unknown>>;
    };
    expect((await invalid({ name: 'Summary', description: 'x' }))[0]).toHaveProperty('name');
    expect((await invalid({ name: 'summary', description: 'x'.repeat(101) }))[0]).toHaveProperty('description');
    expect((await invalid({ name: 'summary', description: 'x', description_localizations: { xx: 'y' } }))[0]).toHaveProperty('description_localizations.xx');
    expect((await invalid({ name: 'summary', description: 'x', name_localizations: { id: 'Ringkasan Besar' } }))[0]).toHaveProperty('name_localizations.id');
    expect((await invalid({ name: 'q', description: 'x', options: [{ name: 'a', description: 'a', type: 3 }, { name: 'b', description: 'b', type: 3, required: true }] }))[0]).toHaveProperty('options.1.required');
    expect((await invalid({ name: 'q', description: 'x', options: [{ name: 'a', description: 'a', type: 3, choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` })) }] }))[0]).toHaveProperty('options.0.choices');
    expect((await invalid({ name: 'q', description: 'x', options: [{ name: 'a', description: 'a', type: 3, autocomplete: true, choices: [{ name: 'c', value: 'c' }] }] }))[0]).toHaveProperty('options.0.autocomplete');
    expect((await invalid({ name: 'q', description: 'x', options: [{ name: 's', description: 's', type: 1 }, { name: 'v', description: 'v', type: 3 }] }))[0]).toHaveProperty('options');
    const huge = { name: 'q', description: 'x', options: Array.from({ length: 25 }, (_, i) => ({ name: `o${i}`, description: 'd'.repeat(100), type: 3, choices: Array.from({ length: 25 }, (_, j) => ({ name: 'n'.repeat(100), value: `${j}` })) })) };
    expect((await invalid(huge))[0]).toHaveProperty('_errors');
    const duplicate = await call(server, 'PUT', path, [summary, summary]);
    expect(fieldErrors(duplicate.body)).toHaveProperty('1.name');
    expect(server.registeredCommands(server.guild.id)[0]?.description).toBe('Summarise one article');
  });

  it('strictly answers interaction callbacks: allowed types, no webhook before the reply, 40060 on a second callback', async () => {
    const server = await start();
    const bot = await rawBot(server);
    const path = `/applications/${server.applicationId}/guilds/${server.guild.id}/commands`;
    await call(server, 'PUT', path, [{ name: 'ping', description: 'p' }]);
    const handle = server.sendInteraction({ type: 'command', name: 'ping', user: 'moderator' });
    const dispatched = await waitFor(() => bot.dispatches.find((d) => d.t === 'INTERACTION_CREATE'));
    expect(dispatched?.d).toMatchObject({
      type: 2,
      version: 1,
      application_id: server.applicationId,
      guild_id: server.guild.id,
      channel_id: server.channel('#general').id,
      channel: { id: server.channel('#general').id },
      member: { user: { id: server.user('moderator').id } },
      data: { name: 'ping', type: 1, guild_id: server.guild.id },
      locale: 'en-US',
      guild_locale: 'en-US',
    });
    const manageGuild = BigInt(String((dispatched?.d.member as { permissions: string }).permissions)) & Permission.ManageGuild;
    expect(manageGuild).toBe(Permission.ManageGuild);
    const callback = (body: unknown) => call(server, 'POST', `/interactions/${handle.id}/${handle.token}/callback`, body, false);
    const webhook = `/webhooks/${server.applicationId}/${handle.token}`;
    expect((await call(server, 'PATCH', `${webhook}/messages/@original`, { content: 'x' }, false)).body).toMatchObject({ code: 10015 });
    expect((await callback({ type: 7, data: { content: 'x' } })).body).toMatchObject({ code: 50035, errors: { type: expect.anything() } });
    expect((await call(server, 'POST', `/interactions/${handle.id}/wrong-token/callback`, { type: 4, data: { content: 'x' } }, false)).body).toMatchObject({ code: 10062 });
    expect((await callback({ type: 4, data: { content: 'hi' } })).status).toBe(204);
    expect((await callback({ type: 4, data: { content: 'hi' } })).body).toEqual({ code: 40060, message: 'Interaction has already been acknowledged.' });
    const followUp = await call(server, 'POST', `${webhook}?wait=true`, { content: 'more' }, false);
    expect(followUp.body).toMatchObject({ content: 'more', webhook_id: server.applicationId });
    const edited = await call(server, 'PATCH', `${webhook}/messages/${String(followUp.body?.id)}`, { content: 'edited' }, false);
    expect(edited.body).toMatchObject({ content: 'edited' });
    expect((await call(server, 'DELETE', `${webhook}/messages/${String(followUp.body?.id)}`, undefined, false)).status).toBe(204);
    const outcome = handle.outcome();
    expect(outcome.reply?.content).toBe('hi');
    expect(outcome.followUps).toEqual([]);
    expect(outcome.events.map((e) => e.kind)).toEqual(['rejected', 'rejected', 'rejected', 'callback', 'rejected', 'followup', 'edit', 'delete']);
  });

  it('fills a choice option from its value, name or localized name, as a client in any locale would send its value', async () => {
    const server = await start();
    await rawBot(server);
    const choices = [
      { name: 'small', value: 's', name_localizations: { id: 'kecil' } },
      { name: 'large', value: 'l', name_localizations: { id: 'besar' } },
    ];
    await call(server, 'PUT', `/applications/${server.applicationId}/commands`, [
      { name: 'pick', description: 'p', options: [{ name: 'size', description: 's', type: 3, required: true, choices }] },
    ]);
    const sent = (size: string) => (server.sendInteraction({ type: 'command', name: 'pick', options: { size } }).payload.data as { options: unknown[] }).options;
    expect(sent('besar')).toEqual([{ name: 'size', type: 3, value: 'l' }]);
    expect(sent('small')).toEqual([{ name: 'size', type: 3, value: 's' }]);
    expect(sent('l')).toEqual([{ name: 'size', type: 3, value: 'l' }]);
    expect(() => sent('huge')).toThrow(/must be one of: small, large/);
  });

  it('answers with_response=true with the interaction callback resource', async () => {
    const server = await start();
    await rawBot(server);
    await call(server, 'PUT', `/applications/${server.applicationId}/commands`, [{ name: 'ping', description: 'p' }]);
    const handle = server.sendInteraction({ type: 'command', name: 'ping' });
    const answer = await call(server, 'POST', `/interactions/${handle.id}/${handle.token}/callback?with_response=true`, { type: 5, data: { flags: 64 } }, false);
    expect(answer.body).toMatchObject({
      interaction: { id: handle.id, type: 2, response_message_loading: true, response_message_ephemeral: true },
      resource: { type: 5, message: { flags: 64 | 128 } },
    });
  });
});
