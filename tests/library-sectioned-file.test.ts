import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSectionedFile, SectionedFileWriter, type SectionReader } from '../src/library/sectioned-file.js';
import { scratchesRemovedAfterAll } from './helpers/indosum-files.js';

const scratch = scratchesRemovedAfterAll();
const MAGIC = 'TESTFILE';

/** Every section of a file, by kind and text. */
function readAll(file: string): { header: object; sections: string[] } | undefined {
  return readSectionedFile(file, MAGIC, 'test file', () => undefined, (header: object, reader: SectionReader) => ({
    header,
    sections: reader.kinds.map((kind) => `${kind}:${reader.next(kind).toString('latin1')}`),
  }));
}

describe('a sectioned file written section by section', () => {
  it('is read back whole: sections of one write, of many small appends gathered, and of appends larger than a write', async () => {
    const dir = (await scratch()).dir;
    const file = join(dir, 'file.bin');
    const writer = await SectionedFileWriter.create(file, MAGIC);
    await writer.section('text', Buffer.from('first'));
    writer.begin('text');
    for (let i = 0; i < 10_000; i++) await writer.append(Buffer.from(String(i % 10)));
    await writer.end();
    const large = Buffer.alloc(20 * 1024 * 1024, 'x');
    writer.begin('large');
    await writer.append(Buffer.from('<'));
    await writer.append(large);
    await writer.append(Buffer.from('>'));
    await writer.end();
    await writer.section('empty', Buffer.alloc(0));
    // nothing is in place until the header is written
    expect(existsSync(file)).toBe(false);
    await writer.finish({ format: 1, note: 'tail' });

    const read = readAll(file);
    expect(read?.header).toMatchObject({ format: 1, note: 'tail' });
    expect(read?.sections[0]).toBe('text:first');
    expect(read?.sections[1]).toBe(`text:${'0123456789'.repeat(1_000)}`);
    expect(read?.sections[2]).toBe(`large:<${large.toString('latin1')}>`);
    expect(read?.sections[3]).toBe('empty:');
    expect(readdirSync(dir)).toEqual(['file.bin']);
  });

  it('leaves nothing behind when abandoned', async () => {
    const dir = (await scratch()).dir;
    const file = join(dir, 'file.bin');
    const abandoned = await SectionedFileWriter.create(file, MAGIC);
    await abandoned.section('text', Buffer.from('never used'));
    await abandoned.abandon();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('moves its sections further in when the header outgrows the room kept for it, and reads back whole', async () => {
    const dir = (await scratch()).dir;
    const file = join(dir, 'file.bin');
    const cramped = await SectionedFileWriter.create(file, MAGIC, 64);
    const sections = Array.from({ length: 500 }, (_, i) => `${i}:${'abcdefghij'.repeat(i % 7)}`);
    for (const text of sections) await cramped.section('text', Buffer.from(text));
    // larger than the chunk the sections are moved in
    const large = Buffer.alloc(20 * 1024 * 1024 + 3, 'y');
    await cramped.section('large', large);
    await cramped.finish({ format: 1, note: 'grown' });
    const read = readAll(file);
    expect(read?.header).toMatchObject({ format: 1, note: 'grown' });
    expect(read?.sections.slice(0, 500)).toEqual(sections.map((text) => `text:${text}`));
    expect(read?.sections[500]).toBe(`large:${large.toString('latin1')}`);
    expect(readdirSync(dir)).toEqual(['file.bin']);
  });

  it("removes the temporary file of a writer that died, and keeps a living writer's", async () => {
    const dir = (await scratch()).dir;
    const file = join(dir, 'file.bin');
    // a pid far above any the kernel hands out (its limit is 4,194,304)
    const dead = `file.bin.${2 ** 30}.tmp`;
    // this test's parent process: alive
    const living = `file.bin.${process.ppid}.tmp`;
    for (const name of [dead, living, 'other.bin.1.tmp']) writeFileSync(join(dir, name), 'half written');
    const writer = await SectionedFileWriter.create(file, MAGIC);
    expect(readdirSync(dir).sort()).toEqual([living, `file.bin.${process.pid}.tmp`, 'other.bin.1.tmp'].sort());
    await writer.finish({ format: 1 });
    expect(readdirSync(dir).sort()).toEqual(['file.bin', living, 'other.bin.1.tmp'].sort());
  });
});
