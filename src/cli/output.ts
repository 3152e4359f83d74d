import { once } from 'node:events';
import type { LoadProblem } from '../corpus/index.js';

/** Waits while the reader catches up, so a long answer is not piled up in memory and a reader that left is noticed. */
export async function writeLine(text: string): Promise<void> {
  if (!process.stdout.write(`${text}\n`)) await once(process.stdout, 'drain');
}

export function printProblems(problems: readonly LoadProblem[]): void {
  for (const p of problems) {
    process.stderr.write(`${p.ignored === true ? 'ignored' : 'problem'}: ${p.file}${p.line === undefined ? '' : `:${p.line}`} ${p.reason}\n`);
  }
}

/** A reader that stops early (`cli … | head`) closes the pipe: it has what it wanted, so the CLI stops quietly. */
export function exitQuietlyWhenPipeCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(0);
      throw error;
    });
  }
}
