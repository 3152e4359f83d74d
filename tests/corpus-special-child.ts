/**
 * Reads the paths it is given in a process of its own, so a read that blocks (opening a FIFO waits for a writer) fails the
 * test by its timeout instead of hanging the test runner. Prints one JSON line: what readTextFile and loadArticles said.
 * Usage: node --import tsx tests/corpus-special-child.ts <path>...
 */
import { loadArticles } from '../src/corpus/index.js';
import { readTextFile } from '../src/corpus/read.js';

const paths = process.argv.slice(2);
const reads = paths.map((path) => {
  const read = readTextFile(path, 1024 * 1024);
  return read.ok ? { path, ok: true } : { path, ok: false, code: read.code, reason: read.reason };
});
const loaded = await loadArticles(paths);
process.stdout.write(`${JSON.stringify({ reads, articles: loaded.articles.map((a) => a.id), problems: loaded.problems })}\n`);
