import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, scratchDir, seedsDir } from './helpers/tmp.js';

// Inside the repository (dist-*/ is ignored) so the compiled modules resolve the repository's node_modules.
const outDir = join(repoRoot, `dist-test-${randomBytes(4).toString('hex')}`);
let data: Awaited<ReturnType<typeof scratchDir>>;

beforeAll(async () => {
  data = await scratchDir();
  await mkdir(join(outDir, 'commands'), { recursive: true });
  await writeFile(join(outDir, 'commands', 'stale.js'), 'export default {};\n');
  await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), outDir], { cwd: repoRoot, timeout: 60_000 });
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
  await data?.cleanup();
});

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe('npm run build', () => {
  it('emits src/, commands/ and discord-emulator/ as JavaScript in the same layout, with the JSON the modules load at run time, and nothing stale', async () => {
    const files = await filesUnder(outDir);
    expect(files).toEqual(expect.arrayContaining(['src/main.js', 'src/discord/registry.js', 'commands/help.js', 'commands/summary.js', 'src/summarize/weights.json', 'discord-emulator/index.js']));
    expect(files.filter((file) => !/^(src|commands|discord-emulator)\//.test(file))).toEqual([]);
    expect(files.filter((file) => !/\.(js|json)$/.test(file))).toEqual([]);
    expect(existsSync(join(outDir, 'commands', 'stale.js'))).toBe(false);
  });

  it('the compiled bot starts in local mode, answers /help on its console and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(outDir, 'src', 'main.js')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', DISCORD_TOKEN: '', CORPUS_DIR: seedsDir, DATA_DIR: join(data.dir, 'local') },
    });
    let output = '';
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = (pattern: RegExp): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`)), 20_000);
        const check = (): void => {
          if (!pattern.test(output)) return;
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve();
        };
        child.stdout.on('data', check);
        check();
      });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

    await waitFor(/● commands: .*\/summary/);
    child.stdin.write('/help\n');
    await waitFor(/1 article · 19 paragraphs/);
    expect(output).toMatch(/Ringkas is ready in local mode \(\d+ ms\): 1 articles?, \d+ quotes/);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 30_000);
});
