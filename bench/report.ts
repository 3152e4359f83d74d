import type { SummarizerSideBySide, TermWeightSideBySide } from './alternatives.js';
import type { AnswerFigures } from './answers.js';
import type { BurstFigures, EndToEndFigures } from './e2e.js';
import { mib, ms, spreadText, table, type Floor, type Latency } from './harness.js';
import type { LoadSize } from './load.js';
import type { StageFigures } from './stages-child.js';
import type { StartupFigures } from './startup.js';

type Log = (line: string) => void;

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const ratio = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}×` : 'n/a');
const kib = (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : 'n/a');

export function printLoads(sizes: readonly LoadSize[], log: Log): void {
  log(
    table(
      ['corpus', 'articles', 'files', 'load median [min–max] n', 'CPU', 'read+parse', 'analysis+indexes', 'articles/s', 'peak RSS', 'RSS/article', 'heap/article', 'ms/added article', 'time/article vs x1', 'heap/article vs x1'],
      sizes.map((s) => [
        `x${s.scale}`,
        count(s.articles),
        mib(s.fileBytes),
        spreadText(s.total),
        ms(s.cpu.median),
        ms(s.read.median),
        ms(s.build.median),
        count(s.articlesPerSecond),
        mib(s.peakRss.median),
        kib(s.peakRssBytesPerArticle),
        kib(s.retainedBytesPerArticle),
        ms(s.marginalMsPerArticle),
        ratio(s.timePerArticleVsBase),
        ratio(s.retainedPerArticleVsBase),
      ]),
    ),
  );
  for (const s of sizes) if (s.restart !== undefined) log(`x${s.scale} again with the stems and analyses an earlier load saved (as a restarted bot finds them in DATA_DIR): ${spreadText(s.restart)}`);
  const threads = sizes.map((s) => `x${s.scale} ${s.runs[0]?.threads ?? '?'}`).join(', ');
  log(`Loads as the bot does them (openLibrary), no caches unless said; analysis worker threads beside the main thread: ${threads}.`);
  log('CPU: user + system time of the load, all threads (above the wall time when worker and GC threads help, far below it when other processes take the cores).');
  log('ms/added article: load time added per article since the previous size (x1: its own time per article, start costs included).');
  log('RSS/article: (peak RSS − RSS before the load) / articles; heap/article: heap + external still held after a full GC. 1.00× vs x1 = linear growth.');
}

const latencyCells = (l: Latency): string[] => [count(l.calls), ms(l.p50), ms(l.p90), ms(l.p99), ms(l.max)];

export function printAnswers(answers: readonly AnswerFigures[], log: Log): void {
  if (answers.length === 0) return;
  log('\nAnswers on a loaded library (library call + the commands\' view code, no Discord I/O):');
  const rows: string[][] = [];
  for (const a of answers) {
    const at = count(a.articles);
    rows.push(
      [`/summary (first ask of an article)`, at, ...latencyCells(a.summary)],
      [`/summary (asked again, memoised)`, at, ...latencyCells(a.summaryRepeat)],
      [`/quotes (speaker lookup + quotes page)`, at, ...latencyCells(a.speakers.quotes)],
      [`/search`, at, ...latencyCells(a.search)],
      [`title autocomplete`, at, ...latencyCells(a.titleAutocomplete)],
      [`speaker autocomplete`, at, ...latencyCells(a.speakers.autocomplete)],
      [`speaker lookup (${count(a.speakers.lookupIndex.articles)} articles' quotes)`, at, ...latencyCells(a.speakers.lookupIndex.latency)],
      ...Object.entries(a.speakers.lookupIndex.byKind).map(([kind, l]) => [`  of which: ${kind}`, at, ...latencyCells(l)]),
    );
  }
  log(table(['answer', 'articles', 'calls', 'p50', 'p90', 'p99', 'max'], rows));
  log('\nWhere the tail comes from: CPU time per call (not inflated by other processes holding the cores) and major GCs during the calls:');
  const gcRows: string[][] = [];
  for (const a of answers) {
    for (const [name, g] of Object.entries(a.gc)) {
      if (name.includes(':')) continue;
      const cpu = a.cpu[name];
      gcRows.push([name, count(a.articles), cpu === undefined ? 'n/a' : ms(cpu.p50), cpu === undefined ? 'n/a' : ms(cpu.p99), count(g.majorGcs), ms(g.majorGcMs), count(g.callsHitByMajorGc), ms(g.withoutMajorGc.p99)]);
    }
  }
  log(table(['answer', 'articles', 'CPU p50', 'CPU p99', 'major GCs', 'major GC time', 'calls hit', 'wall p99 without them'], gcRows));
}

export function printStages(stages: StageFigures, log: Log): void {
  log(
    table(
      ['stage', 'figure'],
      [
        [`analysis of ${count(stages.articles)} articles, cold (first in process), wall / CPU`, `${ms(stages.analyzeColdMs)} / ${ms(stages.analyzeColdCpuMs)}`],
        ['analysis, warm (stem cache full)', spreadText(stages.analyzeWarm)],
        ['quote extraction, cold, per article (mean)', ms(stages.quotesColdMs / stages.articles)],
        ['quote extraction, warm, per article p50 / p99', `${ms(stages.quotesPerArticle.p50)} / ${ms(stages.quotesPerArticle.p99)}`],
        ['corpus statistics (document frequencies)', ms(stages.corpusStatsMs)],
        ['summary of one article from the snapshot p50 / p99 / mean', `${ms(stages.summaryPerArticle.p50)} / ${ms(stages.summaryPerArticle.p99)} / ${ms(stages.summaryPerArticle.mean)}`],
      ],
    ),
  );
}

export function printStartup(figures: readonly StartupFigures[], log: Log): void {
  log(
    table(
      ['corpus', 'articles', 'first start (empty DATA_DIR)', 'restart: spawn → "ready" median [min–max] n'],
      figures.map((f) => [f.corpus, f.articles === null ? '1' : count(f.articles), ms(f.firstStartMs), spreadText(f.toReady)]),
    ),
  );
  const first = figures[0];
  if (first !== undefined) {
    log(`From spawning ${first.command} (what \`npm start\` runs after its build) to its "Ringkas is ready" line. A restart finds the stems and analyses the first start left in DATA_DIR.`);
    log(`Not timed: the build (npm run build, ${ms(first.buildMs)}), which \`npm start\` runs before the bot's process starts.`);
  }
}

export function printEndToEnd(f: EndToEndFigures, log: Log): void {
  const pace = (b: BurstFigures): string => (b.offeredPerSecond === null ? 'all at once' : `paced at ${count(b.offeredPerSecond)}/s`);
  log(
    table(
      ['burst', 'interactions', 'first dispatch → last answer', 'answers/s', 'to callback p50 / p90 / p99 / max', 'to answer read p50 / p99', 'missed 3 s', 'no embed / rejected / deferred', 'CPU bot / server'],
      f.bursts.map((b) => [
        pace(b),
        `${count(b.interactions)} (${Object.entries(b.byCommand).map(([k, v]) => `${count(v)} /${k}`).join(', ')}, ${count(b.users)} users)`,
        ms(b.wallMs),
        count(b.perSecond),
        `${ms(b.latency.p50)} / ${ms(b.latency.p90)} / ${ms(b.latency.p99)} / ${ms(b.latency.max)}`,
        `${ms(b.answerLatency.p50)} / ${ms(b.answerLatency.p99)}`,
        count(b.missed),
        `${count(b.notEmbeds)} / ${count(b.rejected)} / ${count(b.deferred)}`,
        `${b.botCpuMs === null ? 'n/a' : ms(b.botCpuMs)} / ${ms(b.serverCpuMs)}`,
      ]),
    ),
  );
  for (const b of f.bursts) if (b.notEmbedSamples.length > 0) log(`  ${pace(b)}, answers without an embed, e.g.: ${b.notEmbedSamples.join(' | ')}`);
  log(`The server runs in the bench process, the bot (src/main.ts in Discord mode, the real discord.js Client) in its own process: one core each.`);
  log(`Latency: INTERACTION_CREATE dispatched → the bot's callback received (the 3 s deadline), and → the answer the user reads (a deferral's edit). ${f.warmUp} interactions warm the bot first; bot start → commands registered ${ms(f.botStartMs)}.`);
}

const rougeCells = (r: { paper: { rouge1: number; rouge2: number; rougeL: number }; raw: { rouge1: number } }): string[] => [
  r.paper.rouge1.toFixed(2),
  r.paper.rouge2.toFixed(2),
  r.paper.rougeL.toFixed(2),
  r.raw.rouge1.toFixed(2),
];

export function printAlternatives(s: SummarizerSideBySide, t: TermWeightSideBySide, log: Log): void {
  log(`Summaries of the same ${count(s.articles)} IndoSum dev articles (every ${s.stride}th of ${s.folds.join(', ')}), 3 sentences, alternating passes:`);
  log(
    table(
      ['summarizer', 'ms/article', 'R-1 paper', 'R-2 paper', 'R-L paper', 'R-1 raw'],
      [
        ['ours, from text (analysis + summary)', ms(s.oursFromTextMsPerArticle), ...rougeCells(s.rouge.ours)],
        ['ours, from the loaded snapshot (/summary)', ms(s.oursFromSnapshotMsPerArticle), '', '', '', ''],
        ['node-summarizer TextRank', ms(s.textRankMsPerArticle), ...rougeCells(s.rouge.textRank)],
        ['LEAD-3 (our sentence split), for reference', '', ...rougeCells(s.rouge.lead3)],
      ],
    ),
  );
  log(
    `speed: ours ${ratio(s.speedRatio)} faster like for like (${ratio(s.speedRatioSnapshot)} from the snapshot); passes ${spreadText(s.timing.a)} vs ${spreadText(s.timing.b)}; TextRank returned nothing for ${s.textRankEmpty} articles.`,
  );
  log(`\nTerm weights over the same token lists (${count(t.documents)} documents, ${count(t.tokens)} tokens, ${count(t.distinctTerms)} distinct terms): build + idf of every term`);
  log(
    table(
      ['implementation', 'median [min–max] n'],
      [
        ['ours: count terms + buildCorpusStats + idf of every term', spreadText(t.timing.a)],
        ['natural TfIdf: addDocument(tokens) + idf(term) of every term', spreadText(t.timing.b)],
        ['ours: buildCorpusStats alone on analysed articles (as at load)', ms(t.oursFromAnalysisMs)],
      ],
    ),
  );
  log(`ratio ${ratio(t.ratio)}; natural's idf scans every document per term (O(terms × documents)), so the ratio grows with the corpus. Max idf disagreement after aligning formulas: ${t.maxIdfDisagreement.toExponential(1)}.`);
}

export function printFloors(floors: readonly Floor[], skipped: Readonly<Record<string, string>>, log: Log): void {
  log('\n== Floors');
  const number = (n: number, unit: string): string => (unit === '×' ? ratio(n) : `${Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 3 : 1)} ${unit}`.trim());
  const value = (f: Floor): string => number(f.value, f.unit);
  const limit = (f: Floor): string => `${f.kind === 'max' ? '<' : '≥'} ${number(f.limit, f.unit)}`;
  log(
    table(
      ['floor', 'measured', 'limit', 'result', 'margin', 'from'],
      floors.map((f) => [f.name, value(f), limit(f), f.pass ? 'pass' : 'MISS', Number.isFinite(f.margin) ? `${f.margin.toFixed(2)}×` : 'n/a', f.note ?? '']),
    ),
  );
  const missed = floors.filter((f) => !f.pass);
  log(missed.length === 0 ? 'All measured floors pass.' : `${missed.length} floor(s) missed: ${missed.map((f) => f.name).join('; ')}`);
  for (const [name, reason] of Object.entries(skipped)) log(`not measured — ${name}: ${reason}`);
}
