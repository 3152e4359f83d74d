import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ArticleFile } from './article-file.js';

/**
 * Writes an article file into the corpus folder atomically: a hidden temporary file beside it (the corpus never reads
 * names starting with a dot), then a rename, so a reload never sees half a file.
 */
export async function writeArticleFile(corpusDir: string, file: ArticleFile): Promise<void> {
  const target = join(corpusDir, file.path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await mkdir(dirname(target), { recursive: true });
  try {
    await writeFile(temporary, `${JSON.stringify(file.record, null, 2)}\n`);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Whether an article file is already in the corpus (another feed brought the same item), and whether it is partial; null when it is not there or unreadable. */
export async function existingArticleFile(corpusDir: string, path: string): Promise<{ readonly partial: boolean } | null> {
  try {
    const record = JSON.parse(await readFile(join(corpusDir, path), 'utf8')) as { partial?: unknown };
    return { partial: record.partial === true };
  } catch {
    return null;
  }
}
