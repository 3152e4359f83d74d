export interface DecodedText {
  readonly text: string;
  /** The encoding the bytes were read in (a WHATWG encoding name such as `utf-8`, `windows-1252`). */
  readonly charset: string;
  /** Set when the declared charset was not the one used, and why. */
  readonly note: string | null;
}

/** The WHATWG name of an encoding label (`latin1` → `windows-1252`), or null when the label is unknown. */
export function encodingName(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

export function charsetOfContentType(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  return match?.[1] ?? null;
}

const metaCharset = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i;
const xmlEncoding = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w:.-]+)["']/i;

/** The charset a document declares in its first 1,024 bytes: `<meta charset>`, `http-equiv` Content-Type, or the XML declaration. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  return xmlEncoding.exec(head)?.[1] ?? metaCharset.exec(head)?.[1] ?? null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

// Node 20's TextDecoder reads windows-1252 as ISO-8859-1 (C1 controls for 0x80–0x9F); this is the WHATWG table for that row
const WINDOWS_1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const c1Controls = /[\u0080-\u009f]/g;

function decodeAs(charset: string, bytes: Uint8Array): string {
  const text = new TextDecoder(charset).decode(bytes);
  return charset === 'windows-1252' ? text.replace(c1Controls, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c) : text;
}

const hasHighBytes = (bytes: Uint8Array): boolean => bytes.some((b) => b >= 0x80);

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// single-byte Western encodings that servers declare by habit while sending UTF-8
const singleByteWestern = new Set(['windows-1252', 'iso-8859-2', 'iso-8859-15', 'windows-1250']);

/**
 * Decodes a response body: a byte-order mark wins, then the header's charset, then the document's own
 * declaration, else UTF-8. A lying declaration is caught: bytes that are not valid UTF-8 are read as
 * windows-1252, and a "Latin-1" body that is valid UTF-8 with non-ASCII bytes is read as UTF-8.
 */
export function decodeBody(bytes: Uint8Array, headerCharset: string | null): DecodedText {
  const bom = bomCharset(bytes);
  if (bom !== null) return { text: new TextDecoder(bom).decode(bytes), charset: bom, note: null };
  const declaredLabel = headerCharset ?? declaredCharset(bytes);
  const declared = declaredLabel === null ? null : encodingName(declaredLabel);
  const unknown = declaredLabel !== null && declared === null ? `unknown charset "${declaredLabel}"` : null;
  const charset = declared ?? 'utf-8';
  if (charset === 'utf-8') {
    const text = strictUtf8(bytes);
    if (text !== null) return { text, charset, note: unknown };
    const why = `${declared === null ? 'no charset declared' : 'declared UTF-8'} but not valid UTF-8; read as windows-1252`;
    return { text: decodeAs('windows-1252', bytes), charset: 'windows-1252', note: unknown ?? why };
  }
  if (singleByteWestern.has(charset) && hasHighBytes(bytes)) {
    const text = strictUtf8(bytes);
    if (text !== null) return { text, charset: 'utf-8', note: `declared ${charset} but is valid UTF-8; read as UTF-8` };
  }
  return { text: decodeAs(charset, bytes), charset, note: null };
}
