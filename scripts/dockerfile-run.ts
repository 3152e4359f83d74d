/**
 * Replays the Dockerfile without Docker (none runs on CI machines): each stage in a folder of its own under a temp dir,
 * COPY from the build context (minus .dockerignore) or from an earlier stage, RUN through sh in the stage's WORKDIR,
 * ENV kept per stage. Then it checks the result as the image would run: the final stage holds production packages
 * only and runs as a non-root USER; its CMD starts the bot (local mode, no token) to "ready", its HEALTHCHECK passes
 * with HTTP_PORT set and fails once the bot is gone, and SIGTERM stops it with status 0 within 10 s.
 * Limits, on purpose: RUN must use paths relative to WORKDIR (they run on this machine, not in an image); USER is checked
 * but not switched to; ENV values that are absolute paths inside the stage are pointed at the stage's folder.
 * Usage: npx tsx scripts/dockerfile-run.ts [Dockerfile] [--keep]
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, type Copy, type Env, type From, type Instruction } from 'dockerfile-ast';

const context = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dockerfile = resolve(context, args.find((arg) => !arg.startsWith('--')) ?? 'Dockerfile');
const keep = args.includes('--keep');

interface Stage {
  readonly name: string;
  readonly image: string;
  readonly root: string;
  workdir: string;
  user: string;
  readonly env: Record<string, string>;
  cmd: string[] | null;
  healthcheck: string[] | null;
}

const say = (line: string): void => void process.stdout.write(`[dockerfile] ${line}\n`);

/** .dockerignore as Docker reads it: patterns in order, `!` re-includes, `**` any depth; a match on a folder covers what is in it. */
function ignoreRules(): (path: string) => boolean {
  const file = join(context, '.dockerignore');
  const rules = (existsSync(file) ? readFileSync(file, 'utf8') : '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = posix.normalize((negated ? line.slice(1) : line).replace(/^\/+/, ''));
      const source = pattern
        .split('/')
        .map((part) => (part === '**' ? '\u0000' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
        .join('/')
        .replace(/\u0000\/?/g, '(?:.*/)?')
        .replace(/\(\?:\.\*\/\)\?$/, '.*');
      return { negated, regex: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (path) => {
    let ignored = false;
    for (const rule of rules) if (rule.regex.test(path)) ignored = !rule.negated;
    return ignored;
  };
}

const isIgnored = ignoreRules();

function expand(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => vars[a ?? b ?? ''] ?? '');
}

function inStage(stage: Stage, path: string): string {
  return join(stage.root, posix.isAbsolute(path) ? path : posix.join(stage.workdir, path));
}

/** Docker's COPY: a folder's contents (not the folder) into dest; files into dest/ when dest is a folder. */
function copyInto(source: string, dest: string, destIsDir: boolean, filter: (path: string) => boolean): void {
  if (statSync(source).isDirectory()) {
    mkdirSync(dest, { recursive: true });
    cpSync(source, dest, { recursive: true, filter: (path) => filter(path), verbatimSymlinks: true });
    return;
  }
  const target = destIsDir ? join(dest, basename(source)) : dest;
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target);
}

function copy(instruction: Copy, stage: Stage, stages: Map<string, Stage>): void {
  const from = instruction.getFlags().find((flag) => flag.getName() === 'from')?.getValue() ?? null;
  const parts = instruction.getArguments().map((a) => expand(a.getValue(), stage.env));
  const destText = parts.pop() as string;
  const dest = inStage(stage, destText);
  const destIsDir = destText.endsWith('/') || parts.length > 1 || (existsSync(dest) && statSync(dest).isDirectory());
  for (const part of parts) {
    if (from === null) {
      const rel = posix.normalize(part);
      const source = join(context, rel);
      if (!existsSync(source)) throw new Error(`COPY ${part}: not in the repository`);
      // Folders are walked (a pattern may re-include what is inside them); files are what .dockerignore keeps out.
      const kept = (path: string): boolean => statSync(path).isDirectory() || !isIgnored(relative(context, path).split('\\').join('/'));
      if (!kept(source)) throw new Error(`COPY ${part}: excluded by .dockerignore, so a real build would not find it`);
      copyInto(source, dest, destIsDir, kept);
    } else {
      const origin = stages.get(from);
      if (origin === undefined) throw new Error(`COPY --from=${from}: no such earlier stage`);
      const source = join(origin.root, posix.normalize(part));
      if (!existsSync(source)) throw new Error(`COPY --from=${from} ${part}: the stage has no such path`);
      copyInto(source, dest, destIsDir, () => true);
    }
  }
  say(`COPY ${from === null ? '' : `--from=${from} `}${parts.join(' ')} → ${destText}`);
}

function run(instruction: Instruction, stage: Stage): void {
  const command = instruction.getArgumentsContent() ?? '';
  say(`RUN ${command.replace(/\s+/g, ' ')}`);
  const result = spawnSync('sh', ['-c', command], { cwd: join(stage.root, stage.workdir), env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...stage.env }, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`RUN failed (status ${result.status ?? result.signal}): ${command}`);
}

function jsonForm(instruction: Instruction, keyword: string): string[] {
  const content = (instruction.getArgumentsContent() ?? '').replace(/^CMD\s+/, '');
  const parsed: unknown = JSON.parse(content);
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) throw new Error(`${keyword} must use the JSON (exec) form`);
  return parsed as string[];
}

function build(work: string): Stage {
  const file = DockerfileParser.parse(readFileSync(dockerfile, 'utf8'));
  const globals: Record<string, string> = {};
  for (const arg of file.getInitialARGs()) {
    const property = arg.getProperty();
    if (property !== null) globals[property.getName()] = property.getValue() ?? '';
  }
  const stages = new Map<string, Stage>();
  let stage: Stage | null = null;
  for (const instruction of file.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'ARG' && stage === null) continue;
    if (keyword === 'FROM') {
      const from = instruction as From;
      const image = expand(from.getImageName() ?? '', globals) + (from.getImageTag() === null ? '' : `:${expand(from.getImageTag() ?? '', globals)}`);
      const name = from.getBuildStage() ?? String(stages.size);
      if (stages.has(image)) throw new Error(`FROM ${image}: building on an earlier stage is not replayed`);
      stage = { name, image, root: join(work, name), workdir: '/', user: 'root', env: {}, cmd: null, healthcheck: null };
      mkdirSync(stage.root, { recursive: true });
      stages.set(name, stage);
      say(`FROM ${image} AS ${name}`);
      continue;
    }
    if (stage === null) throw new Error(`${keyword} before FROM`);
    switch (keyword) {
      case 'WORKDIR':
        stage.workdir = posix.resolve(stage.workdir, expand(instruction.getArgumentsContent() ?? '', stage.env));
        mkdirSync(join(stage.root, stage.workdir), { recursive: true });
        break;
      case 'ENV':
        for (const property of (instruction as Env).getProperties()) stage.env[property.getName()] = expand(property.getValue() ?? '', stage.env);
        break;
      case 'COPY':
        copy(instruction as Copy, stage, stages);
        break;
      case 'RUN':
        run(instruction, stage);
        break;
      case 'USER':
        stage.user = instruction.getArgumentsContent() ?? '';
        break;
      case 'CMD':
        stage.cmd = jsonForm(instruction, 'CMD');
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = jsonForm(instruction, 'HEALTHCHECK');
        break;
      case 'ARG':
      case 'VOLUME':
      case 'EXPOSE':
      case 'LABEL':
      case 'STOPSIGNAL':
        break;
      default:
        throw new Error(`${keyword} is not replayed by this script: keep the Dockerfile to FROM, ARG, WORKDIR, ENV, COPY, RUN, USER, VOLUME, HEALTHCHECK, CMD`);
    }
  }
  if (stage === null) throw new Error('no FROM');
  return stage;
}

/** Production packages only: no package the lockfile marks as dev-only is in the final node_modules. */
function checkProductionOnly(stage: Stage): void {
  const lock = JSON.parse(readFileSync(join(context, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const present = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && entry.dev === true && existsSync(join(stage.root, stage.workdir, path)));
  if (present.length > 0) throw new Error(`dev-only packages in the final image: ${present.slice(0, 10).map(([path]) => path).join(', ')}`);
  const kept = readdirSync(join(stage.root, stage.workdir, 'node_modules')).length;
  say(`final stage: production packages only (${kept} entries in node_modules, none dev-only)`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** The stage's environment for running it here: absolute paths that exist inside the stage point into its folder. */
function runtimeEnv(stage: Stage, extra: Record<string, string>): Record<string, string> {
  const mapped = Object.fromEntries(
    Object.entries(stage.env).map(([name, value]) => [name, posix.isAbsolute(value) && existsSync(join(stage.root, value)) ? join(stage.root, value) : value]),
  );
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...mapped, ...extra };
}

function exec(command: readonly string[], stage: Stage, env: Record<string, string>): ReturnType<typeof spawnSync> {
  const [program, ...rest] = command;
  return spawnSync(program === 'node' ? process.execPath : (program as string), rest, { cwd: join(stage.root, stage.workdir), env, encoding: 'utf8', timeout: 30_000 });
}

async function runImage(stage: Stage): Promise<void> {
  if (stage.user === '' || stage.user === 'root' || stage.user.startsWith('0')) throw new Error(`the final stage runs as ${stage.user || 'root'}: set a non-root USER`);
  if (stage.cmd === null) throw new Error('the final stage has no CMD');
  const major = /node:(\d+)/.exec(stage.image)?.[1];
  if (major !== undefined && major !== process.versions.node.split('.')[0]) say(`note: the image has Node ${major}, this machine ${process.versions.node}`);
  const env = runtimeEnv(stage, { HTTP_PORT: String(await freePort()), HTTP_HOST: '127.0.0.1', DISCORD_TOKEN: '', LOG_LEVEL: 'info' });
  say(`CMD ${stage.cmd.join(' ')} (as ${stage.user} in the image; local mode here), DATA_DIR=${env.DATA_DIR} CORPUS_DIR=${env.CORPUS_DIR}`);
  const [program, ...rest] = stage.cmd;
  const started = performance.now();
  const child = spawn(program === 'node' ? process.execPath : (program as string), rest, { cwd: join(stage.root, stage.workdir), env, stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot was not ready within 120 s:\n${output}`)), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Ringkas is ready')) {
        clearTimeout(timer);
        resolveReady();
      }
    });
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it was ready:\n${output}`)));
  });
  say(`ready in ${Math.round(performance.now() - started)} ms: ${output.split('\n')[0]}`);
  if (stage.healthcheck !== null) {
    const healthy = exec(stage.healthcheck, stage, env);
    if (healthy.status !== 0) throw new Error(`HEALTHCHECK failed on the running bot: ${String(healthy.stderr)}`);
    say('HEALTHCHECK passes on the running bot');
  }
  const exited = new Promise<{ code: number | null; at: number }>((resolveExit) => child.once('exit', (code) => resolveExit({ code, at: performance.now() })));
  const signalled = performance.now();
  child.kill('SIGTERM');
  const { code, at } = await exited;
  if (code !== 0 || at - signalled > 10_000) throw new Error(`SIGTERM: status ${code} after ${Math.round(at - signalled)} ms (want 0 within 10 s)`);
  say(`SIGTERM: exited 0 in ${Math.round(at - signalled)} ms`);
  if (stage.healthcheck !== null) {
    const gone = exec(stage.healthcheck, stage, env);
    if (gone.status === 0) throw new Error('HEALTHCHECK passes with the bot stopped');
    say('HEALTHCHECK fails once the bot is gone');
  }
}

const work = mkdtempSync(join(tmpdir(), 'ringkas-dockerfile-'));
try {
  const started = performance.now();
  const final = build(work);
  checkProductionOnly(final);
  await runImage(final);
  say(`the Dockerfile's steps work (${Math.round((performance.now() - started) / 1000)} s)`);
} catch (error) {
  process.stderr.write(`[dockerfile] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  if (keep) say(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
