import { createHash } from 'node:crypto';

/** Identifies an article's content regardless of the file it sits in. */
export function contentHash(title: string, paragraphs: readonly string[]): string {
  return createHash('sha256').update(title).update('\n\n').update(paragraphs.join('\n\n')).digest('hex');
}
