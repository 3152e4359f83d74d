import { readIndoSum, goldSentences, referenceSentences, detokenizeParagraph } from './indosum.js';
import { scoreSummary, meanScores } from './rouge.js';
for (const fold of ['01', '02', '03']) {
  const arts = await readIndoSum(`../shared/data/indosum/dev.${fold}.jsonl`);
  const t = Date.now();
  for (const conv of ['paper', 'raw'] as const) {
    const s = arts.map((a) => scoreSummary(goldSentences(a).slice(0, 3), referenceSentences(a), conv));
    console.log(fold, conv, meanScores(s));
  }
  const oracle = arts.map((a) => { const g = goldSentences(a); const l = a.gold_labels.flat(); return scoreSummary(g.filter((_, i) => l[i]).slice(0, 3), referenceSentences(a), 'paper'); });
  console.log('oracle', meanScores(oracle), Date.now() - t, 'ms');
}
const a = (await readIndoSum('../shared/data/indosum/dev.01.jsonl'))[0]!;
for (const p of a.paragraphs) console.log(detokenizeParagraph(p).text);
