import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { loadCorpus, surveyCorpus, type LoadResult } from '../src/corpus/index.js';
import { checkSectionsAside, runAsideJob, surveyAside } from '../src/library/restart-aside.js';
import { checkSections, readSectionedFile, writeSectionedFile, type SectionPlace } from '../src/library/sectioned-file.js';
import { indoSumFileTexts, scratchesRemovedAfterAll } from './helpers/indosum-files.js';

const scratch = scratchesRemovedAfterAll();
const SLOW = { timeout: 60_000 };
/** Files modified in the last two seconds get no stamp (their stamp could still change unseen). */
const SETTLED_MS = 2_100;

/** A sectioned file of three sections and the places its reader reports for them. */
async function threeSections(): Promise<{ file: string; places: readonly SectionPlace[] }> {
  const dir = await scratch();
  const file = join(dir.dir, 'sections.bin');
  const sections = [
    { kind: 'bytes', bytes: Buffer.from('first section') },
    { kind: 'bytes', bytes: Buffer.alloc(40_000_000, 7) },
    { kind: 'bytes', bytes: Buffer.from('the last one') },
  ];
  await writeSectionedFile(file, 'TESTFILE', { format: 1 }, sections, () => false);
  let places: readonly SectionPlace[] = [];
  readSectionedFile(file, 'TESTFILE', 'test file', () => undefined, () => undefined, { checkAside: (found) => (places = found) });
  return { file, places };
}

describe('restart work done aside', () => {
  it('checks every section of a file by its checksum, in chunks, and names the first damaged one', SLOW, async () => {
    const { file, places } = await threeSections();
    expect(places.map((place) => place.bytes)).toEqual([13, 40_000_000, 12]);
    expect(checkSections(file, places)).toBeNull();
    expect(await checkSectionsAside(file, places, () => undefined)).toBeNull();

    const bytes = readFileSync(file);
    const middle = places[1] as SectionPlace;
    bytes.writeUInt8(bytes.readUInt8(middle.offset + 30_000_000) ^ 1, middle.offset + 30_000_000);
    writeFileSync(file, bytes);
    expect(checkSections(file, places)).toBe('checksum mismatch in section 1');
    // the worker thread gives the same verdict as this thread
    expect(await checkSectionsAside(file, places, () => undefined)).toBe('checksum mismatch in section 1');
    writeFileSync(file, bytes.subarray(0, middle.offset + 10));
    expect(checkSections(file, places)).toBe('truncated');
  });

  it('surveys a corpus folder so that loading with the survey reads exactly what walking it reads', SLOW, async () => {
    const corpus = await scratch();
    const texts = await indoSumFileTexts(8, (i) => `Senin, ${1 + i} Maret 2024 - 10:15 WIB`);
    await mkdir(join(corpus.dir, 'nested', 'deeper'), { recursive: true });
    for (const [i, text] of texts.slice(0, 6).entries()) await corpus.write(i % 2 === 0 ? `a${i}.txt` : join('nested', i === 5 ? 'deeper' : '', `b${i}.txt`), text);
    await corpus.write('broken.json', '{"title": ');
    await corpus.write('.hidden.txt', texts[6] as string);
    await symlink(join(corpus.dir, 'missing.txt'), join(corpus.dir, 'dangling.txt'));
    await sleep(SETTLED_MS);
    // modified just now: listed, not stamped
    await corpus.write('fresh.txt', texts[7] as string);

    const walked = await loadCorpus(corpus.dir);
    const survey = await surveyCorpus(corpus.dir);
    expect(survey.count).toBe(8);
    const withSurvey = await loadCorpus(corpus.dir, { survey: Promise.resolve(survey) });
    // the fresh file settles two seconds after it was written: on a busy machine, between two of these reads
    const settledRead = (read: LoadResult): LoadResult => ({ ...read, stamps: read.stamps?.filter((stamp) => stamp.name !== 'fresh.txt') });
    expect(settledRead(withSurvey)).toEqual(settledRead(walked));
    expect(withSurvey.articles.map((article) => article.file)).toContain('fresh.txt');
    expect(settledRead(withSurvey).stamps?.map((stamp) => stamp.name).sort()).toEqual(['a0.txt', 'a2.txt', 'a4.txt', 'nested/b1.txt', 'nested/b3.txt', 'nested/deeper/b5.txt']);

    // from a worker thread, the same survey
    const aside = await surveyAside(corpus.dir, () => undefined);
    // the fresh file may have settled meanwhile: it is compared by name only
    const fresh = survey.names.split('\n').indexOf('fresh.txt');
    const settled = (stamps: Float64Array): number[] => [...stamps].filter((_, i) => Math.floor(i / 3) !== fresh);
    expect(aside === undefined ? undefined : { ...aside, stamps: settled(aside.stamps) }).toEqual({ ...survey, stamps: settled(survey.stamps) });
    // a survey of another folder is not taken
    const other = await scratch();
    expect(settledRead(await loadCorpus(corpus.dir, { survey: surveyCorpus(other.dir) }))).toEqual(settledRead(walked));
  });

  it('says why a job could not be done instead of throwing', async () => {
    const missing = join((await scratch()).dir, 'nothing-here');
    expect(await runAsideJob({ kind: 'indexes', file: join(missing, 'restart-indexes.bin'), fingerprint: 'x' })).toEqual({ kind: 'indexes', indexes: null });
    expect(await runAsideJob({ kind: 'survey', dir: missing })).toEqual({ kind: 'survey', problem: `corpus directory ${missing} does not exist` });
    expect(await runAsideJob({ kind: 'check', file: missing, sections: [] })).toMatchObject({ kind: 'check', problem: expect.stringMatching(/^cannot be read: ENOENT/) });
  });
});
