import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module beside `caller` named `name` (`worker` for worker.js, or worker.ts when running from source):
 * from source (tests, tsx) the worker registers tsx itself first, as a loader registered in this thread does not reach it.
 */
export function startModuleWorker(caller: string, name: string, workerData: unknown): Worker {
  const fromTypeScript = caller.endsWith('.ts');
  const url = new URL(`./${name}.${fromTypeScript ? 'ts' : 'js'}`, caller);
  if (!fromTypeScript) return new Worker(url, { workerData });
  const tsx = pathToFileURL(createRequire(caller).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
