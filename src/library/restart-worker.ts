import { parentPort, workerData } from 'node:worker_threads';
import { runAsideJob, type AsideJob, type AsideResult } from './restart-aside.js';
import type { SavedIndexes } from './restart-indexes.js';

const port = parentPort;
if (port === null) throw new Error('src/library/restart-worker runs as a worker thread only');

/** The typed arrays' memory moves to the other thread instead of being copied (each buffer once: small ones may share). */
function transferable(indexes: SavedIndexes): ArrayBuffer[] {
  const { ranked, titles } = indexes;
  const buffers = new Set<ArrayBuffer>();
  for (const array of [ranked.offsets, ranked.docs, ranked.weights, ranked.bodyFrequency, titles.offsets, titles.titles, titles.folded.starts, titles.vocabulary.starts, indexes.speakerJson, indexes.assignment]) {
    const buffer = array.buffer;
    if (buffer instanceof ArrayBuffer && array.byteOffset === 0 && array.byteLength === buffer.byteLength) buffers.add(buffer);
  }
  return [...buffers];
}

function transferOf(result: AsideResult): ArrayBuffer[] {
  if (result.kind === 'indexes' && result.indexes) return transferable(result.indexes);
  const buffer = result.kind === 'survey' ? result.survey?.stamps.buffer : result.kind === 'section' ? result.bytes?.buffer : undefined;
  return buffer instanceof ArrayBuffer ? [buffer] : [];
}

void runAsideJob(workerData as AsideJob).then((result) => port.postMessage(result, transferOf(result)));
