/** Section "extraction" of `npm run bench`: a news page through Readability + our cleaning, on linkedom and on jsdom, side by side. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle, type DomDocument, type ParseHtml } from '../src/extract/index.js';
import { decodeBody } from '../src/fetch/index.js';
import { REPO_ROOT } from './corpus.js';
import { floor, latencyOf, ms, table, type Latency, type SectionOptions } from './harness.js';

const PAGES = join(REPO_ROOT, '..', 'shared', 'data', 'realnews');

// a silent console: jsdom reports every stylesheet it cannot load
const parseWithJsdom: ParseHtml = (html) => new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document as DomDocument;

export interface ExtractionFigures {
  readonly pages: number;
  readonly meanPageBytes: number;
  readonly linkedom: Latency;
  readonly jsdom: Latency;
  /** jsdom's p50 over linkedom's: how many times slower jsdom is. */
  readonly ratioP50: number;
  readonly ratioP99: number;
}

export async function realPages(): Promise<string[]> {
  const listing = await readFile(join(PAGES, 'pages.jsonl'), 'utf8');
  const files = listing.trim().split('\n').map((line) => (JSON.parse(line) as { file: string }).file);
  return Promise.all(files.map(async (file) => decodeBody(await readFile(join(PAGES, file)), null).text));
}

// undefined: extractArticle's default, linkedom
const linkedom: ParseHtml | undefined = undefined;

/** The 18 real saved pages of ../shared/data/realnews (10 outlets, 36–290 KB), each extracted `passes` times per DOM, the two DOMs interleaved page by page. */
export async function benchExtraction(options: SectionOptions): Promise<void> {
  const pages = await realPages();
  const passes = options.quick ? 2 : 10;
  const sides: ReadonlyArray<readonly [string, ParseHtml | undefined, number[]]> = [
    ['linkedom', linkedom, []],
    ['jsdom', parseWithJsdom, []],
  ];
  for (const [, parse] of sides) for (const html of pages.slice(0, 4)) extractArticle(html, { parse });
  for (let pass = 0; pass < passes; pass++) {
    for (const html of pages) {
      // alternate which DOM goes first, so that load on the machine falls on both alike
      for (const [, parse, times] of pass % 2 === 0 ? sides : [...sides].reverse()) {
        const at = performance.now();
        extractArticle(html, { parse });
        times.push(performance.now() - at);
      }
    }
  }
  const [ours, theirs] = sides.map(([, , times]) => latencyOf(times)) as [Latency, Latency];
  const figures: ExtractionFigures = {
    pages: pages.length,
    meanPageBytes: pages.reduce((sum, html) => sum + Buffer.byteLength(html), 0) / pages.length,
    linkedom: ours,
    jsdom: theirs,
    ratioP50: theirs.p50 / ours.p50,
    ratioP99: theirs.p99 / ours.p99,
  };
  options.results.extraction = figures;
  options.log(`${figures.pages} real news pages (10 outlets, mean ${(figures.meanPageBytes / 1024).toFixed(0)} KiB), ${passes} passes each; extractArticle = parse + furniture removal + Readability + cleaning`);
  options.log(
    table(
      ['DOM', 'calls', 'p50', 'p90', 'p99', 'max', 'mean'],
      [
        ['linkedom (ours)', String(ours.calls), ms(ours.p50), ms(ours.p90), ms(ours.p99), ms(ours.max), ms(ours.mean)],
        ['jsdom', String(theirs.calls), ms(theirs.p50), ms(theirs.p90), ms(theirs.p99), ms(theirs.max), ms(theirs.mean)],
        ['jsdom / linkedom', '', `${figures.ratioP50.toFixed(2)}×`, '', `${figures.ratioP99.toFixed(2)}×`, '', ''],
      ],
    ),
  );
  options.floors.push(floor('extraction of a news page, p99 (linkedom)', ours.p99, 'max', 500, 'ms', 'issue 12: at most half of the 1 s budget of a /summary url: answer'));
}
