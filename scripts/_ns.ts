import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { Summarizer } = require('node-summarizer/src/Summarizer.js');
import { readIndoSum, detokenizeParagraph } from './indosum.js';
const arts = (await readIndoSum('../shared/data/indosum/dev.01.jsonl')).slice(0, 20);
const t = performance.now();
for (const a of arts) {
  const text = a.paragraphs.map((p) => detokenizeParagraph(p).text).join('\n\n');
  const s = new Summarizer(text, 3);
  let picked: string[] = [];
  const orig = s.listToString.bind(s);
  s.listToString = (sorted: [number, string][], clean: [string[], Map<string, string>]) => { picked = sorted.slice(0, 3).map((x) => clean[1].get(x[1]) ?? ''); return orig(sorted, clean); };
  await s.summarizeByRank();
  if (a === arts[0]) console.log(picked);
}
console.log((performance.now() - t) / arts.length, 'ms/article');
