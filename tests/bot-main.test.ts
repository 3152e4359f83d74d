import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordServer, type LocalDiscordServer } from '../discord-emulator/index.js';
import { repoRoot, scratchDir, seedsDir } from './helpers/tmp.js';

const TSX = join(repoRoot, 'node_modules', '.bin', 'tsx');

interface Run {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  exit: Promise<number | null>;
}

/** Runs an entry point as `npm start` would, with only the environment given (no .env of the developer). */
function run(script: string, env: Record<string, string>, args: string[] = []): Run {
  const child = spawn(TSX, [script, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', DISCORD_TOKEN: '', ...env },
  });
  let text = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const waiter of waiters.filter((w) => w.pattern.test(text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    exit,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(text)) return resolve();
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${text}`)), timeoutMs);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
      }),
  };
}

let data: Awaited<ReturnType<typeof scratchDir>>;
let server: LocalDiscordServer;

beforeAll(async () => {
  data = await scratchDir();
  server = await startDiscordServer({ rateLimits: false });
});

afterAll(async () => {
  await server.stop();
  await data.cleanup();
});

describe('npm start', () => {
  it('without a token: its own server and a console that answers /help, then a clean exit on SIGTERM', async () => {
    const bot = run('src/main.ts', { CORPUS_DIR: seedsDir, DATA_DIR: join(data.dir, 'local') });
    await bot.waitFor(/● commands: .*\/summary/);
    bot.child.stdin.write('/help\n');
    await bot.waitFor(/1 article · 19 paragraphs/);
    expect(bot.output()).toMatch(/Ringkas is ready in local mode \(\d+ ms\): 1 articles?, \d+ quotes/);
    bot.child.kill('SIGTERM');
    expect(await bot.exit).toBe(0);
    const log = await readFile(join(data.dir, 'local', 'local-mode.log'), 'utf8');
    expect(log).toContain('"msg":"ready"');
    expect(log).toContain('"mode":"local"');
  }, 30_000);

  it('with a token: connects to the configured Discord, registers, logs ready with the corpus numbers, exits on SIGINT; deploy-commands registers by hand', async () => {
    const env = {
      DISCORD_TOKEN: server.token,
      DISCORD_API_BASE: server.apiUrl,
      DISCORD_GUILD_ID: server.guild.id,
      CORPUS_DIR: seedsDir,
      DATA_DIR: join(data.dir, 'discord'),
    };
    const bot = run('src/main.ts', env);
    await bot.waitFor(/"msg":"ready"/);
    const ready = JSON.parse(bot.output().split('\n').find((line) => line.includes('"msg":"ready"')) ?? '{}') as Record<string, unknown>;
    expect(ready).toMatchObject({ mode: 'discord', articles: 1, guilds: 1 });
    expect(bot.output()).not.toContain(server.token);
    expect(server.registeredCommands(server.guild.id).map((c) => c.name)).toEqual(expect.arrayContaining(['summary', 'quotes', 'reload']));
    const outcome = await server.runCommand('quotes', { speaker: 'Kim Jong-un' });
    expect(JSON.stringify(outcome.reply?.embeds)).toContain('Saya akan selalu mendukung Rusia');
    bot.child.kill('SIGINT');
    expect(await bot.exit).toBe(0);

    const deploy = run('src/deploy-commands.ts', env, ['--global']);
    expect(await deploy.exit).toBe(0);
    expect(deploy.output()).toMatch(/^Registered \d+ commands \(global\): \/digest \/feed \/help \/quotes \/reload \/search \/summary "Summarize link" \(message\)$/m);
    expect(server.registeredCommands().map((c) => c.name)).toEqual(expect.arrayContaining(['summary', 'quotes', 'reload']));
  }, 40_000);
});
