import { startModuleWorker } from '../analysis/start-worker.js';
// not the corpus room's index: that would load its parsers and stemmer on every restart worker
import { surveyCorpus, type CorpusSurvey } from '../corpus/survey.js';
import { messageOf } from '../error-message.js';
import { readRestartIndexes, type SavedIndexes } from './restart-indexes.js';
import { checkSections, readSection, type SectionPlace } from './sectioned-file.js';

/**
 * Work of a restart that needs none of this thread's objects, done on worker threads while this one decodes the restart
 * snapshot: its checksums, the saved search indexes (typed arrays, handed over without a copy), and the corpus folder's
 * file stamps.
 */
export type AsideJob =
  | { readonly kind: 'check'; readonly file: string; readonly sections: readonly SectionPlace[] }
  | { readonly kind: 'indexes'; readonly file: string; readonly fingerprint: string }
  | { readonly kind: 'survey'; readonly dir: string }
  | { readonly kind: 'section'; readonly file: string; readonly place: SectionPlace };

export type AsideResult =
  | { readonly kind: 'check'; readonly problem: string | null }
  | { readonly kind: 'indexes'; readonly indexes?: SavedIndexes | null; readonly problem?: string }
  | { readonly kind: 'survey'; readonly survey?: CorpusSurvey; readonly problem?: string }
  | { readonly kind: 'section'; readonly bytes?: Uint8Array; readonly problem?: string };

/** The job's result from a worker thread; if the thread cannot run it, the job is done on this one (slower, never lost). */
function aside(job: AsideJob, warn: (message: string) => void): Promise<AsideResult> {
  return new Promise((resolve) => {
    let settled = false;
    const here = (why: string): void => {
      if (settled) return;
      settled = true;
      warn(`a worker thread for the restart files failed (${why}); doing its work on the main thread`);
      void runAsideJob(job).then(resolve);
    };
    try {
      const worker = startModuleWorker(import.meta.url, 'restart-worker', job);
      worker.once('message', (result: AsideResult) => {
        settled = true;
        resolve(result);
      });
      worker.once('error', (error) => here(messageOf(error)));
      worker.once('exit', (code) => here(`exited with code ${code}`));
    } catch (error) {
      here(messageOf(error));
    }
  });
}

/** Does a job on the calling thread (the worker's, or this one when no worker can run). */
export async function runAsideJob(job: AsideJob): Promise<AsideResult> {
  try {
    if (job.kind === 'check') return { kind: 'check', problem: checkSections(job.file, job.sections) };
    if (job.kind === 'survey') return { kind: 'survey', survey: await surveyCorpus(job.dir) };
    if (job.kind === 'section') return { kind: 'section', bytes: readSection(job.file, job.place) };
    return { kind: 'indexes', indexes: readRestartIndexes(job.file, job.fingerprint) ?? null };
  } catch (error) {
    return { kind: job.kind, problem: messageOf(error) } as AsideResult;
  }
}

/** Checks a file's sections on a worker thread: the reason the first bad one gives, or null when all hold. */
export async function checkSectionsAside(file: string, sections: readonly SectionPlace[], warn: (message: string) => void): Promise<string | null> {
  const result = await aside({ kind: 'check', file, sections }, warn);
  return result.kind === 'check' ? result.problem : 'no checksum result';
}

/** The saved search indexes read on a worker thread: undefined when there are none; throws with the reason saved ones cannot be used. */
export async function readIndexesAside(file: string, fingerprint: string, warn: (message: string) => void): Promise<SavedIndexes | undefined> {
  const result = await aside({ kind: 'indexes', file, fingerprint }, warn);
  if (result.kind !== 'indexes') throw new Error('no index result');
  if (result.problem !== undefined) throw new Error(result.problem);
  return result.indexes ?? undefined;
}

/**
 * A section of a file read on a worker thread, in memory of its own handed over without a copy (the page faults of a few
 * hundred megabytes of fresh memory are that thread's); its checksum is left to `checkSectionsAside`.
 */
export async function readSectionAside(file: string, place: SectionPlace, warn: (message: string) => void): Promise<Uint8Array> {
  const result = await aside({ kind: 'section', file, place }, warn);
  if (result.kind !== 'section' || result.bytes === undefined) throw new Error(result.problem ?? 'no section read');
  return result.bytes;
}

/** The corpus folder's files and stamps taken on a worker thread; undefined (the folder is then walked as usual) when they cannot be. */
export async function surveyAside(dir: string, warn: (message: string) => void): Promise<CorpusSurvey | undefined> {
  const result = await aside({ kind: 'survey', dir }, warn);
  return result.kind === 'survey' ? result.survey : undefined;
}
