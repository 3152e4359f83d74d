import { z } from 'zod';
import { normalizeDate } from '../dates.js';
import { cleanParagraphs } from './body.js';
import type { Problem } from '../article.js';
import { FormatError, type ParsedFile, type ParsedRecord, type RecordProblem } from './types.js';
import { messageOf } from '../../error-message.js';

const text = z.string();
const nullableText = z.union([text, z.null()]).optional();
const record = z
  .object({
    id: z.union([z.string().trim().min(1), z.number()]).optional(),
    title: nullableText,
    published: nullableText,
    source: nullableText,
    url: nullableText,
    category: nullableText,
    body: text.optional(),
    paragraphs: z.array(text).optional(),
  })
  .refine((r) => r.body !== undefined || r.paragraphs !== undefined, { message: 'needs "body" or "paragraphs"' });

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid article';
  const where = issue.path.length > 0 ? `field "${issue.path.join('.')}": ` : '';
  return `${where}${issue.message}`;
}

function toRecord(value: unknown, ordinal: number): ParsedRecord | Problem {
  const parsed = record.safeParse(value);
  if (!parsed.success) {
    const detail = describe(parsed.error);
    return { code: 'invalid_record', params: { detail }, reason: detail };
  }
  const r = parsed.data;
  const raw = r.paragraphs ?? (r.body ?? '').split(/\n\s*\n/);
  const { paragraphs, dateline } = cleanParagraphs(raw);
  if (paragraphs.length === 0) return { code: 'record_no_text', reason: 'the article has no text' };
  const date = r.published?.trim() || undefined;
  const published = date === undefined ? null : normalizeDate(date);
  return {
    ...(r.id === undefined ? {} : { id: String(r.id) }),
    ordinal,
    title: r.title?.trim() || null,
    published,
    ...(date !== undefined && published === null ? { unreadableDate: { field: 'published', value: date } } : {}),
    source: r.source?.trim() || dateline?.outlet || null,
    url: r.url?.trim() || null,
    city: dateline?.city ?? null,
    category: r.category?.trim() || null,
    paragraphs,
  };
}

function jsonErrorLine(text: string, error: unknown): number | undefined {
  const position = /position (\d+)/.exec(String(error))?.[1];
  if (position === undefined) return undefined;
  return text.slice(0, Number(position)).split('\n').length;
}

/** `.json`: one article object, or an array of them. */
export function parseJson(text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FormatError('malformed_json', `malformed JSON: ${messageOf(error)}`, jsonErrorLine(text, error), { detail: messageOf(error) });
  }
  const multi = Array.isArray(value);
  const items: readonly unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  const records: ParsedRecord[] = [];
  const problems: RecordProblem[] = [];
  items.forEach((item, index) => {
    const result = toRecord(item, index + 1);
    if ('code' in result) {
      if (!multi) throw new FormatError(result.code, result.reason, undefined, result.params);
      problems.push({ ...result, params: { ...result.params, record: index + 1 }, reason: `article ${index + 1}: ${result.reason}` });
    } else records.push(result);
  });
  return { records, problems, multi };
}

/** `.jsonl`: one article object a line; a bad line is reported with its number and the rest still load. */
export function parseJsonLines(text: string): ParsedFile {
  const records: ParsedRecord[] = [];
  const problems: RecordProblem[] = [];
  let ordinal = 0;
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    ordinal++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push({ code: 'malformed_json', params: { detail: messageOf(error) }, reason: `malformed JSON: ${messageOf(error)}`, line: index + 1 });
      return;
    }
    const result = toRecord(value, ordinal);
    if ('code' in result) problems.push({ ...result, line: index + 1 });
    else records.push(result);
  });
  return { records, problems, multi: true };
}
