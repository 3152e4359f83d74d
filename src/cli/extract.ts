import { open } from 'node:fs/promises';
import { messageOf } from '../error-message.js';
import { extractArticle, type ExtractedArticle } from '../extract/index.js';
import { decodeBody, fetchUrl, userAgent } from '../fetch/index.js';
import { EXIT, UsageError, type CliCommand, type CliContext } from './command.js';
import { writeLine } from './output.js';

type ExtractConfig = Pick<CliContext, 'allowPrivateUrls' | 'contactUrl' | 'maxArticleBytes'>;
type Outcome = { ok: true; article: ExtractedArticle } | { ok: false; problem: string };

const isUrl = (input: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(input);

async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

async function extractOne(input: string, config: ExtractConfig): Promise<Outcome> {
  if (isUrl(input)) {
    const fetched = await fetchUrl(input, { allowPrivate: config.allowPrivateUrls, userAgent: userAgent(config.contactUrl), maxBytes: config.maxArticleBytes });
    if (!fetched.ok) return { ok: false, problem: `${fetched.url}: ${fetched.reason}: ${fetched.message}` };
    if (fetched.kind === 'not-modified') return { ok: false, problem: `${fetched.url}: the server answered 304 Not Modified` };
    if (fetched.textKind !== 'html' && fetched.textKind !== 'text') return { ok: false, problem: `${fetched.url}: not a web page (${fetched.contentType ?? fetched.textKind})` };
    return { ok: true, article: extractArticle(fetched.text, { url: fetched.url }) };
  }
  try {
    const { text } = decodeBody(await readCapped(input, config.maxArticleBytes), null);
    return { ok: true, article: extractArticle(text) };
  } catch (error) {
    return { ok: false, problem: `${input}: ${messageOf(error)}` };
  }
}

function readable(article: ExtractedArticle): string {
  const meta = [article.published ?? 'no date', article.source, article.city, article.partial ? 'PARTIAL' : null].filter((v) => v !== null).join(' · ');
  return `${article.title ?? '(no title)'}\n  ${article.url ?? '(no URL)'}\n  ${meta}\n\n${article.paragraphs.map((p) => `  ${p}`).join('\n\n')}\n`;
}

/**
 * Each page's article. With --json, one object a line on stdout with exactly url, title, published, source, city,
 * paragraphs, partial (others' checks read it: keep it stable); inputs that fail print nothing there and a problem on stderr.
 */
const extract: CliCommand = {
  summary: 'the article of each news page: title, date, outlet, paragraphs',
  operands: '<url-or-file…>',
  options: {
    json: { type: 'boolean', description: 'one JSON object an input: url, title, published, source, city, paragraphs, partial' },
  },
  async run(args, context) {
    if (args.positionals.length === 0) throw new UsageError('extract needs at least one URL or file');
    let failed = 0;
    for (const input of args.positionals) {
      const outcome = await extractOne(input, context);
      if (!outcome.ok) {
        failed++;
        process.stderr.write(`problem: ${outcome.problem}\n`);
        continue;
      }
      const a = outcome.article;
      if (args.options.json === true) {
        await writeLine(JSON.stringify({ url: a.url, title: a.title, published: a.published, source: a.source, city: a.city, paragraphs: a.paragraphs, partial: a.partial }));
      } else await writeLine(readable(a));
      if (a.partial) process.stderr.write(`partial: ${input}: no full article text found\n`);
    }
    return failed === 0 ? EXIT.answered : EXIT.notFound;
  },
};

export default extract;
