import { normalizeDate } from '../dates.js';
import { cleanParagraphs } from './body.js';
import { FormatError, type ParsedFile } from './types.js';

interface FrontMatter {
  readonly fields: ReadonlyMap<string, string>;
  readonly body: string;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

function splitFrontMatter(text: string): FrontMatter {
  const fields = new Map<string, string>();
  if (!text.startsWith('---\n')) return { fields, body: text };
  const end = text.indexOf('\n---', 4);
  if (end < 0) throw new FormatError('front_matter_unclosed', 'front matter opened with --- is never closed', 1);
  const header = text.slice(4, end).split('\n');
  header.forEach((line, index) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new FormatError('front_matter_line', 'front matter line is not "key: value"', index + 2);
    fields.set(line.slice(0, colon).trim().toLowerCase(), unquote(line.slice(colon + 1)));
  });
  const afterClose = text.indexOf('\n', end + 4);
  return { fields, body: afterClose < 0 ? '' : text.slice(afterClose + 1) };
}

function plainInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|\W)[*_](\S(?:.*?\S)?)[*_](?=\W|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

/** Markdown with optional front matter (`title`, `date`, `source`, `url`); else the first `#` heading is the title. */
export function parseMarkdown(text: string): ParsedFile {
  const { fields, body } = splitFrontMatter(text);
  let title: string | null = fields.get('title') ?? null;
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) blocks.push(plainInline(current.join(' ')));
    current = [];
  };
  for (const rawLine of body.split('\n')) {
    const line = rawLine.trim();
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      flush();
      if (title === null && heading[1] === '#') title = plainInline(heading[2] ?? '').trim() || null;
      continue;
    }
    if (line === '' || /^(?:-{3,}|\*{3,}|_{3,})$/.test(line)) {
      flush();
      continue;
    }
    current.push(line.replace(/^(?:>\s?|[-*+]\s+|\d+[.)]\s+)/, ''));
  }
  flush();

  const { paragraphs, dateline } = cleanParagraphs(blocks);
  if (paragraphs.length === 0) throw new FormatError('no_article_text', 'no article text');
  const dateField = fields.has('date') ? 'date' : 'published';
  const date = fields.get(dateField)?.trim() || undefined;
  const published = date === undefined ? null : normalizeDate(date);
  return {
    multi: false,
    problems: [],
    records: [
      {
        ordinal: 1,
        title,
        published,
        ...(date !== undefined && published === null ? { unreadableDate: { field: dateField, value: date } } : {}),
        source: fields.get('source') ?? dateline?.outlet ?? null,
        url: fields.get('url') ?? null,
        city: dateline?.city ?? null,
        category: fields.get('category') ?? null,
        paragraphs,
      },
    ],
  };
}
