import { isCaption, isFooterStart, outletFromFooter } from '../boilerplate.js';
import { parseIndonesianDate } from '../dates.js';
import { outletDatelineLength } from '../../text/dateline.js';
import { cleanParagraphs } from './body.js';
import { FormatError, type ParsedFile } from './types.js';

const HEADER_LINES = 6;
const bareUrl = /^https?:\/\/\S+$/i;

/** Scraped text: title on the first line, a date line near the top, one paragraph a line, page furniture around it. */
export function parseScrapedText(text: string): ParsedFile {
  const lines = text.split('\n');
  const titleIndex = lines.findIndex((line) => line.trim() !== '');
  if (titleIndex < 0) throw new FormatError('no_text', 'no text');
  const firstLine = (lines[titleIndex] ?? '').trim().replace(/\s+/g, ' ');
  // a text that opens with its outlet's dateline has no title line: that line is the story
  const untitled = outletDatelineLength(firstLine) > 0;
  const title = untitled ? null : firstLine;

  let published: string | null = null;
  let source: string | null = null;
  let url: string | null = null;
  const body: string[] = untitled ? [firstLine] : [];
  let inFooter = false;
  for (let i = titleIndex + 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    source ??= outletFromFooter(line);
    if (bareUrl.test(line)) {
      url ??= line;
      continue;
    }
    if (published === null && i <= titleIndex + HEADER_LINES && body.length === 0) {
      const date = parseIndonesianDate(line);
      if (date !== null) {
        published = date;
        continue;
      }
    }
    if (body.length > 0 && isFooterStart(line)) inFooter = true;
    if (inFooter || isCaption(line)) continue;
    body.push(line);
  }

  const { paragraphs, dateline } = cleanParagraphs(body);
  if (paragraphs.length === 0) throw new FormatError('no_text_after_title', 'no article text after the title');
  return {
    multi: false,
    problems: [],
    records: [
      {
        ordinal: 1,
        title,
        published,
        source: dateline?.outlet ?? source,
        url,
        city: dateline?.city ?? null,
        category: null,
        paragraphs,
      },
    ],
  };
}
