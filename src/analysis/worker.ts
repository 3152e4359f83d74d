import { parentPort, workerData } from 'node:worker_threads';
import { findQuotes } from '../quotes/index.js';
import { analyzeArticle, exportStemCache, importStemCache } from '../text/index.js';
import { encodeQuotes, encodeSentences } from './encoded.js';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.js';
import { messageOf } from '../error-message.js';

const port = parentPort;
if (port === null) throw new Error('src/analysis/worker runs as a worker thread only');
importStemCache((workerData as WorkerSetup).stems);

const send = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'stems') {
    send({ type: 'stems', stems: exportStemCache() });
    return;
  }
  const { batch, articles } = message;
  try {
    if (message.kind === 'quotes') send({ type: 'quotes', batch, results: articles.map((article) => encodeQuotes(findQuotes(article))) });
    else send({ type: 'sentences', batch, results: articles.map((article) => encodeSentences(analyzeArticle(article))) });
  } catch (error) {
    send({ type: 'failed', batch, reason: messageOf(error) });
  }
});
