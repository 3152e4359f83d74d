import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_NODE_ARGS, BOT_PROCESS_ENV } from '../bench/harness.js';
import { parseConfig } from '../src/config.js';
import { repoRoot } from './helpers/tmp.js';

// The Dockerfile's steps themselves run in CI (scripts/dockerfile-run.ts, from .ci/run); here: the linter and the shape.

const read = (file: string): Promise<string> => readFile(join(repoRoot, file), 'utf8');
const ERROR = ValidationSeverity.ERROR;

describe('Dockerfile', () => {
  it('passes the dockerfile-utils linter with every check an error', async () => {
    const diagnostics = validate(await read('Dockerfile'), {
      deprecatedMaintainer: ERROR,
      directiveCasing: ERROR,
      emptyContinuationLine: ERROR,
      instructionCasing: ERROR,
      instructionCmdMultiple: ERROR,
      instructionEntrypointMultiple: ERROR,
      instructionHealthcheckMultiple: ERROR,
      instructionJSONInSingleQuotes: ERROR,
      instructionWorkdirRelative: ERROR,
    });
    expect(diagnostics.map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds in one stage and runs from another, as a non-root user, with the data and corpus folders as volumes and a health check', async () => {
    const text = await read('Dockerfile');
    const froms = [...text.matchAll(/^FROM (\S+) AS (\w+)$/gm)].map((m) => [m[1], m[2]]);
    expect(froms).toEqual([['node:${NODE_VERSION}-bookworm', 'build'], ['node:${NODE_VERSION}-bookworm-slim', 'runtime']]);
    const runtime = text.slice(text.indexOf('AS runtime'));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/^RUN /m);
    expect(runtime).toContain('VOLUME ["/var/lib/ringkas/data", "/var/lib/ringkas/corpus"]');
    expect(runtime).toMatch(/^HEALTHCHECK .*CMD \["node", "dist\/src\/ops\/healthcheck.js"\]$/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/src\/main.js"\]$/m);
    expect(text.slice(0, text.indexOf('AS runtime'))).toContain('npm prune --omit=dev');
  });

  it('runs the bot with the process settings `npm start` gives it: the young generation and huge pages for malloc', async () => {
    const text = await read('Dockerfile');
    const runtime = text.slice(text.indexOf('AS runtime'));
    const start = (JSON.parse(await read('package.json')) as { scripts: Record<string, string> }).scripts['start'] ?? '';
    const launch = start.slice(start.lastIndexOf('&&') + 2).trim();
    expect(launch).toBe('GLIBC_TUNABLES=glibc.malloc.hugetlb=1 node --max-semi-space-size=64 dist/src/main.js');
    expect(runtime).toMatch(/^ENV NODE_OPTIONS="--max-semi-space-size=64"$/m);
    expect(runtime).toMatch(/^ENV GLIBC_TUNABLES=glibc\.malloc\.hugetlb=1$/m);
    expect(BOT_PROCESS_ENV['GLIBC_TUNABLES']).toBe('glibc.malloc.hugetlb=1');
    expect(`node ${BOT_NODE_ARGS.join(' ')} dist/src/main.js`).toBe(launch.slice(launch.indexOf('node ')));
  });
});

describe('compose.yaml', () => {
  it('runs the bot beside PostgreSQL: DATABASE_URL wired to it, the bot waits for it to be healthy, volumes for both, the token required', async () => {
    const compose = parse(await read('compose.yaml')) as {
      services: Record<string, { build?: string; image?: string; environment?: Record<string, string>; volumes?: string[]; depends_on?: Record<string, { condition: string }>; healthcheck?: { test: string[] }; stop_grace_period?: string; init?: boolean }>;
      volumes: Record<string, unknown>;
    };
    const { bot, postgres } = compose.services;
    expect(bot?.build).toBe('.');
    expect(bot?.environment?.DISCORD_TOKEN).toMatch(/^\$\{DISCORD_TOKEN:\?/);
    expect(bot?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/ringkas:.*@postgres:5432\/ringkas$/);
    expect(bot?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(bot?.volumes).toEqual(['ringkas-data:/var/lib/ringkas/data', 'ringkas-corpus:/var/lib/ringkas/corpus']);
    expect(bot?.init).toBe(true);
    expect(postgres?.image).toMatch(/^postgres:\d+/);
    expect(postgres?.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(postgres?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(Object.keys(compose.volumes).sort()).toEqual(['postgres-data', 'ringkas-corpus', 'ringkas-data']);
    // What compose sets is valid configuration for the bot (the variables compose fills in, with their defaults).
    const env = Object.fromEntries(Object.entries(bot?.environment ?? {}).map(([name, value]) => [name, value.replace(/\$\{\w+:-([^}]*)\}/g, '$1')]));
    const config = parseConfig({ ...env, DISCORD_TOKEN: `${'M'.repeat(24)}.${'G'.repeat(6)}.${'x'.repeat(38)}` });
    expect(config).toMatchObject({ httpPort: 8080, shardCount: 'auto', shardProcesses: 1 });
  });

  it('.dockerignore keeps the build context to what the build stage copies', async () => {
    const ignore = (await read('.dockerignore')).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignore[0]).toBe('**');
    const copied = [...(await read('Dockerfile')).matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => (m[1] as string).split(' '));
    for (const path of copied) expect(ignore, path).toContain(`!${path}${/\.\w+$/.test(path) ? '' : '/**'}`);
  });
});
