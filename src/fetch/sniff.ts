/** What kind of text a response holds, judged from its Content-Type and its first bytes. */
export type TextKind = 'html' | 'xml' | 'json' | 'text';

const mediaTypeOf = (contentType: string | null): string => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const binaryTypes = /^(?:image|audio|video|font|model)\/|^application\/(?:pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|x-rar-compressed|msword|vnd\.|octet-stream$|x-shockwave-flash|wasm|java-archive|x-msdownload)/;

/** A refusal from the Content-Type alone, before the body is read (a PDF or image is not an article), else null. */
export function refusedContentType(contentType: string | null): string | null {
  const type = mediaTypeOf(contentType);
  // octet-stream is a server that does not know: let the bytes decide
  if (type === 'application/octet-stream') return null;
  return binaryTypes.test(type) ? `not an article or feed: the server sent ${type}` : null;
}

const signatures: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip data', [0x1f, 0x8b]],
  ['RIFF (WebP/AVI/WAV) data', [0x52, 0x49, 0x46, 0x46]],
  ['ICO image', [0x00, 0x00, 0x01, 0x00]],
];

/** A refusal from the body's first bytes (magic numbers, NUL bytes), whatever the header claimed, else null. */
export function refusedBytes(bytes: Uint8Array): string | null {
  for (const [name, magic] of signatures) {
    if (magic.every((b, i) => bytes[i] === b)) return `not an article or feed: the body is a ${name}`;
  }
  const head = bytes.subarray(0, 1024);
  // UTF-16 text has NULs too, but starts with a byte-order mark
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) return 'not an article or feed: the body is binary data';
  return null;
}

/** The kind of text, from the media type, else from how the text starts. */
export function textKind(contentType: string | null, text: string): TextKind {
  const type = mediaTypeOf(contentType);
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type.endsWith('json')) return 'json';
  if (type.endsWith('xml')) return 'xml';
  const start = text.trimStart().slice(0, 512).toLowerCase();
  if (start.startsWith('<?xml') || /^<(?:rss|feed|rdf:rdf|opml)\b/.test(start)) return 'xml';
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /<(?:head|body|div|p)\b/.test(start)) return 'html';
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  return 'text';
}
