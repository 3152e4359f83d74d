import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { messageOf } from '../error-message.js';
import type { Problem } from './article.js';

/** The text, and when the file was last modified (what dates an article whose own date cannot be read). */
export type ReadResult = { ok: true; text: string; modifiedMs: number } | ({ ok: false } & Problem);

const utf8 = new TextDecoder('utf-8', { fatal: true });

function describeFsError(error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { code: 'permission_denied', reason: 'cannot be read: permission denied' };
    case 'ELOOP':
      return { code: 'symlink_loop', reason: 'is a symbolic link loop' };
    case 'ENOENT':
      return { code: 'vanished', reason: 'vanished while reading' };
    case 'EISDIR':
      return { code: 'is_directory', reason: 'is a directory' };
    case 'EIO':
      return { code: 'io_error', reason: 'cannot be read: input/output error' };
    default:
      return { code: 'unreadable', params: { detail: messageOf(error) }, reason: `cannot be read: ${messageOf(error)}` };
  }
}

/** What a FIFO, a socket or a device file is, as a problem (also behind a symbolic link: pass what stat says of its target). */
export function notRegularFile(kind: Pick<Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): Problem | undefined {
  if (kind.isFIFO()) return { code: 'named_pipe', reason: 'is a named pipe (FIFO), not a regular file; skipped' };
  if (kind.isSocket()) return { code: 'socket', reason: 'is a socket, not a regular file; skipped' };
  if (kind.isCharacterDevice() || kind.isBlockDevice()) return { code: 'device_file', reason: 'is a device file, not a regular file; skipped' };
  return undefined;
}

/** A FIFO opened for reading waits for a writer; non-blocking, the open returns at once and fstat tells what it is. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Why something that is not a regular file cannot be an article, or undefined for a regular file. */
function notReadable(info: Stats): Problem | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return { code: 'is_directory', reason: 'is a directory' };
  return notRegularFile(info) ?? { code: 'unreadable', params: { detail: 'not a regular file' }, reason: 'cannot be read: not a regular file' };
}

/**
 * Reads a text file defensively: size cap, binary and encoding checks, BOM and CRLF normalised.
 * Synchronous because small files read several times faster that way; callers yield between files.
 */
export function readTextFile(path: string, maxBytes: number): ReadResult {
  let bytes: Buffer;
  let modifiedMs: number;
  try {
    // Stat before opening: a FIFO, socket or device is never opened (a FIFO would wait forever, /dev/zero never ends).
    const before = notReadable(statSync(path));
    if (before !== undefined) return { ok: false, ...before };
    const fd = openSync(path, OPEN_FLAGS);
    try {
      const info = fstatSync(fd);
      // Replaced by something else between the stat and the open.
      const now = notReadable(info);
      if (now !== undefined) return { ok: false, ...now };
      const { size, mtimeMs } = info;
      modifiedMs = mtimeMs;
      if (size > maxBytes) {
        const params = { size: formatBytes(size), limit: formatBytes(maxBytes) };
        return { ok: false, code: 'too_large', params, reason: `is ${params.size}, over the ${params.limit} limit` };
      }
      bytes = readAll(fd, size, maxBytes);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { ok: false, ...describeFsError(error) };
  }
  if (bytes.length > maxBytes) return { ok: false, code: 'over_limit', params: { limit: formatBytes(maxBytes) }, reason: `is over the ${formatBytes(maxBytes)} limit` };
  if (bytes.length === 0) return { ok: false, code: 'empty', reason: 'is empty' };
  if (bytes.includes(0)) return { ok: false, code: 'binary', reason: 'is binary (contains NUL bytes), not text' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return { ok: false, code: 'not_utf8', params: { offset }, reason: `is not valid UTF-8 text (first bad byte at offset ${offset})` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { ok: false, code: 'empty', reason: 'is empty' };
  return { ok: true, text, modifiedMs };
}

/** Reads to the end even when the size on disk was wrong (a file still being written, /proc), up to one byte past the cap. */
function readAll(fd: number, sizeHint: number, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunk = Buffer.allocUnsafe(Math.min(Math.max(sizeHint, 4096), maxBytes + 1));
  for (;;) {
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > maxBytes) break;
    chunk = Buffer.allocUnsafe(Math.min(65536, maxBytes + 1 - total));
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

function firstInvalidUtf8(bytes: Buffer): number {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  return Buffer.byteLength(lenient.slice(0, Math.max(0, lenient.indexOf('\ufffd'))));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
