import { splitDateline } from '../corpus/boilerplate.js';
import { dateLineIn } from './instant.js';
import type { TextBlock } from './paragraphs.js';

const LONGEST_LINK_LINE = 150;
const LONGEST_LABEL = 40;
/** Captions, kickers, date and credit lines may stand before the dateline that opens the story; no more than this. */
const HEADER_BLOCKS = 6;
const MOST_HEADER_CHARS = 700;

const linkOnly = (block: TextBlock): boolean => block.letters > 0 && block.linkedLetters >= block.letters && block.text.length <= LONGEST_LINK_LINE;
/** `Pilihan Editor: <a>Another story</a>`: a short label, then mostly link text. */
const labelledLink = (block: TextBlock): boolean =>
  block.text.length <= 200 && /^[\p{L} ]{2,30}:/u.test(block.text) && block.linkedLetters >= block.letters * 0.5;
/** Invitations to follow the outlet elsewhere: `Dapatkan update berita pilihan … Telegram`, `Download aplikasi …`. */
const callToAction = (line: string): boolean =>
  line.length <= 250 &&
  /^(?:dapatkan|ikuti|follow|gabung|bergabung|mari bergabung|download|unduh|langganan|berlangganan|jangan lewatkan|klik)\b/i.test(line) &&
  /\b(?:berita|update|telegram|whatsapp|google news|aplikasi|app|newsletter|channel|akun|instagram|tiktok|youtube)\b/i.test(line);
const isDateOnly = (line: string): boolean => {
  const found = dateLineIn(line);
  return found !== null && line.replace(/[|·•\-–\s]+$/u, '').length <= 60;
};
const isCredit = (line: string): boolean => line.length <= 120 && /©|\(c\)\s|\bcopyright\b/i.test(line);
const isLabel = (line: string): boolean => line.length <= LONGEST_LABEL && !/[.,;:?"”]$/.test(line) && line.split(' ').length <= 5;
const endsWithDash = /\s(?:-{1,2}|–|—)$/;
const signOff = /^\(\s*[a-z0-9]{2,8}(?:\s*\/\s*[a-z0-9]{2,8})*\s*\)$/;

/**
 * Page-level lines around the story that text cleaning cannot know: link-only lines (related stories, tags, menus)
 * and the label above them, stand-alone date and photo-credit lines, what stands before the dateline that opens the
 * story, and what follows the editors' sign-off `(kpl/otx)`.
 */
export function storyLines(blocks: readonly TextBlock[]): string[] {
  const lines: string[] = [];
  let pending = '';
  for (let i = 0; i < blocks.length; i++) {
    const found = blocks[i];
    if (found === undefined) continue;
    const next = blocks[i + 1];
    // a dateline set apart from its paragraph (`ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) -`) joins it again
    if (lines.length < HEADER_BLOCKS && endsWithDash.test(found.text) && found.text.length <= 80 && next !== undefined) {
      pending = `${pending}${found.text} `;
      continue;
    }
    const block = pending === '' ? found : { ...found, text: `${pending}${found.text}` };
    pending = '';
    if (linkOnly(block) || labelledLink(block)) continue;
    if (isLabel(block.text) && next !== undefined && linkOnly(next)) continue;
    if (isDateOnly(block.text) || isCredit(block.text) || callToAction(block.text)) continue;
    lines.push(block.text);
    if (signOff.test(block.text)) break;
  }
  const opening = lines.slice(0, HEADER_BLOCKS).findIndex((line) => splitDateline(line) !== null);
  // header furniture is short; several long paragraphs before a "dateline" mean the story began earlier
  const before = lines.slice(0, Math.max(0, opening)).reduce((sum, line) => sum + line.length, 0);
  return opening > 0 && before <= MOST_HEADER_CHARS ? lines.slice(opening) : lines;
}
