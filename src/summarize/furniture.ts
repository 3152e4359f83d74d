const captions: readonly RegExp[] = [
  /\b(?:foto|photo|ilustrasi|dok|dokumentasi)\s*[/:]\s*[^\s.]+(?:\s+[^\s.]+){0,3}\s*\)?\s*$/i,
  /^\(?(?:foto|photo|ilustrasi)\s*[:/]/i,
];
const patterns: readonly RegExp[] = [
  ...captions,
  /^[([]?\s*(?:baca|lihat|simak|tonton|saksikan)\s+(?:juga|pula|selengkapnya|video)\b/i,
  /^(?:editor|penulis|reporter|pewarta|redaktur|sumber|copyright|hak cipta)\b\s*:/i,
  /https?:\/\/|www\.\S/i,
  /^\(?[a-z]{1,5}(?:\/[a-z]{1,5})*\)?$/,
  /\b(?:dapatkan berita|klik (?:di ?sini|link)|download aplikasi|unduh aplikasi|ikuti (?:kami|berita)|tulis komentar)\b/i,
  /^(?:advertisement|scroll to continue)/i,
];

/** Web furniture that must never reach a summary: `Baca juga` links, captions, credits, editor initials, calls to click. */
export function isFurniture(sentence: string): boolean {
  return !/\p{L}/u.test(sentence) || patterns.some((pattern) => pattern.test(sentence));
}

/** A photo caption, which may hold full sentences before its `Foto: …` credit. */
export function isCaption(paragraph: string): boolean {
  return captions.some((pattern) => pattern.test(paragraph));
}
