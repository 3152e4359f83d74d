import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { crc32 } from 'node:zlib';
import { isProcessAlive } from '../process-alive.js';

/**
 * A file of a few large sections behind a JSON header (magic, 4-byte header length, header, sections), each section
 * checksummed, written atomically: what DATA_DIR keeps for the next start.
 */
/** How a section's bytes are read back (Int32Array, UTF-8 text, ...): named by the file's reader. */
export type SectionKind = string;

export interface SectionHeader {
  readonly kind: SectionKind;
  readonly bytes: number;
  readonly crc: number;
}

export interface Section {
  readonly kind: SectionKind;
  readonly bytes: Uint8Array;
}

export function bytesOf(array: Int32Array | Float32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Bytes checksummed between two turns of the event loop while writing, so answers wait for no more than a chunk. */
const WRITE_CHUNK = 16 * 1024 * 1024;
/** Small appends gathered into one write: a section of a quarter million arrays is a few dozen writes. */
const STAGE_BYTES = 4 * 1024 * 1024;
/** Room for the header of a file whose sections are written before the header is known: a thousand sections. */
const HEADER_ROOM = 64 * 1024;

/**
 * Writes a sectioned file a section at a time, the header last into room kept for it (padded with spaces, which its JSON
 * ignores): a section can be let go once written. Writes to a temporary file renamed over `file` by `finish`.
 */
export class SectionedFileWriter {
  readonly #described: SectionHeader[] = [];
  #position: number;
  #open: { kind: SectionKind; bytes: number; crc: number } | undefined;
  readonly #stage = Buffer.allocUnsafe(STAGE_BYTES);
  #staged = 0;
  #room: number;

  private constructor(
    private readonly file: string,
    private readonly temporary: string,
    private readonly magic: string,
    room: number,
    private readonly handle: FileHandle,
  ) {
    this.#room = room;
    this.#position = magic.length + 4 + room;
  }

  /**
   * A writer that keeps `room` bytes for the header (a header that outgrows it moves the sections further in); temporary
   * files left by writers of this file that died are removed.
   */
  static async create(file: string, magic: string, room: number = HEADER_ROOM): Promise<SectionedFileWriter> {
    await mkdir(dirname(file), { recursive: true });
    await removeAbandoned(file);
    const temporary = `${file}.${process.pid}.tmp`;
    return new SectionedFileWriter(file, temporary, magic, room, await open(temporary, 'w+'));
  }

  /** Writes one whole section. */
  async section(kind: SectionKind, bytes: Uint8Array): Promise<void> {
    this.begin(kind);
    await this.append(bytes);
    await this.end();
  }

  /** Starts a section written by `append`s. */
  begin(kind: SectionKind): void {
    if (this.#open !== undefined) throw new Error('a section is already open');
    this.#open = { kind, bytes: 0, crc: 0 };
  }

  /** Adds bytes to the open section; small ones are gathered and written together. */
  async append(bytes: Uint8Array): Promise<void> {
    if (this.#open === undefined) throw new Error('no section is open');
    if (bytes.length > STAGE_BYTES - this.#staged) await this.#flush();
    if (bytes.length <= STAGE_BYTES - this.#staged) {
      this.#stage.set(bytes, this.#staged);
      this.#staged += bytes.length;
      return;
    }
    for (let done = 0; done < bytes.length; done += WRITE_CHUNK) {
      await this.#write(bytes.subarray(done, done + WRITE_CHUNK));
      if (done + WRITE_CHUNK < bytes.length) await nextTurn();
    }
  }

  async end(): Promise<void> {
    const open = this.#open;
    if (open === undefined) throw new Error('no section is open');
    await this.#flush();
    this.#described.push(open);
    this.#open = undefined;
  }

  async #flush(): Promise<void> {
    const staged = this.#staged;
    this.#staged = 0;
    if (staged > 0) await this.#write(this.#stage.subarray(0, staged));
  }

  async #write(part: Uint8Array): Promise<void> {
    const open = this.#open as { bytes: number; crc: number };
    open.crc = crc32(part, open.crc);
    await writeAll(this.handle, part, this.#position);
    this.#position += part.length;
    open.bytes += part.length;
  }

  /** Writes the header (`header` and the sections written), closes and renames the file into place. */
  async finish(header: object): Promise<void> {
    if (this.#open !== undefined) throw new Error('a section is still open');
    try {
      const json = JSON.stringify({ ...header, sections: this.#described });
      const needed = Buffer.byteLength(json);
      if (needed > this.#room) await this.#moveSections(Math.max(needed - this.#room, this.#room));
      const lead = Buffer.alloc(this.magic.length + 4 + this.#room, ' ');
      lead.write(this.magic, 0, 'latin1');
      lead.writeUInt32LE(this.#room, this.magic.length);
      lead.write(json, this.magic.length + 4, 'utf8');
      await writeAll(this.handle, lead, 0);
      await this.handle.close();
      await rename(this.temporary, this.file);
    } catch (error) {
      await this.abandon();
      throw error;
    }
  }

  /** Moves every section `by` bytes further into the file, the last bytes first, to widen the header's room. */
  async #moveSections(by: number): Promise<void> {
    const start = this.magic.length + 4 + this.#room;
    const chunk = Buffer.allocUnsafe(Math.min(WRITE_CHUNK, Math.max(1, this.#position - start)));
    for (let end = this.#position; end > start; ) {
      const from = Math.max(start, end - chunk.length);
      const part = chunk.subarray(0, end - from);
      for (let done = 0; done < part.length; ) {
        const { bytesRead } = await this.handle.read(part, done, part.length - done, from + done);
        if (bytesRead === 0) throw new Error(`${this.temporary} ends before its sections`);
        done += bytesRead;
      }
      await writeAll(this.handle, part, from + by);
      end = from;
    }
    this.#position += by;
    this.#room += by;
  }

  /** Closes and removes the temporary file: nothing is written. */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.temporary, { force: true });
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/** Removes `file`'s temporary files whose writing process is gone (killed while writing): each may be a gigabyte. */
async function removeAbandoned(file: string): Promise<void> {
  const prefix = `${basename(file)}.`;
  const names = await readdir(dirname(file)).catch(() => [] as string[]);
  for (const name of names) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length, -'.tmp'.length)) : NaN;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isProcessAlive(pid)) await rm(join(dirname(file), name), { force: true });
  }
}

/** Writes all `sections` through a temporary file and a rename; gives up, writing nothing, once `stopped` says so. */
export async function writeSectionedFile(file: string, magic: string, header: object, sections: readonly Section[], stopped: () => boolean): Promise<void> {
  // the largest header these sections can have: every checksum as long as one can be
  const room = Buffer.byteLength(JSON.stringify({ ...header, sections: sections.map(({ kind, bytes }) => ({ kind, bytes: bytes.length, crc: 0xffffffff })) }));
  const writer = await SectionedFileWriter.create(file, magic, room);
  try {
    for (const { kind, bytes } of sections) {
      await nextTurn();
      if (stopped()) return await writer.abandon();
      await writer.section(kind, bytes);
    }
  } catch (error) {
    await writer.abandon();
    throw error;
  }
  await writer.finish(header);
}

/** Why a file is there but cannot be used. */
export class UnusableFileError extends Error {
  override name = 'UnusableFileError';
}

/** The sections of an open file, read one at a time in order: a section read and decoded can be let go before the next is read. */
export interface SectionReader {
  /** Kinds of the sections, in order. */
  readonly kinds: readonly SectionKind[];
  /** Byte lengths of the sections, in order. */
  readonly sizes: readonly number[];
  /**
   * The next section's bytes, checksum checked; throws unless it is of this kind. Given a `scratch` buffer it fits in, the
   * bytes are read into it (valid until its next use): fresh memory costs a page fault per page, a reused buffer none.
   */
  next(kind: SectionKind, scratch?: Buffer): Buffer;
  /** The next section's place, its bytes neither read nor checked: the caller checks what it reads of them. */
  skip(kind: SectionKind): SectionPlace;
  /** A skipped section's bytes, read now (its checksum checked, unless checked aside); into `scratch` as `next` does. */
  readAt(place: SectionPlace, scratch?: Buffer): Buffer;
  /** Keeps the file open after reading (it is otherwise closed): its descriptor, now the caller's to close. */
  keepOpen(): number;
}

/** Where a section lies in its file and the checksum its bytes must have. */
export interface SectionPlace {
  readonly offset: number;
  readonly bytes: number;
  readonly crc: number;
  /** Its place among the file's sections, when known. */
  readonly index?: number;
}

export interface ReadOptions {
  /**
   * Checksums left to the caller, who is given every section's place once the header is read (and checks them on another
   * thread while this one decodes): a gigabyte's checksum costs seconds on one core.
   */
  readonly checkAside?: (sections: readonly SectionPlace[]) => void;
}

/**
 * Reads a file written by `writeSectionedFile` through `use`; undefined when there is none, UnusableFileError naming why one
 * cannot be read. `check` sees the header before any section is read (and throws when the file is not for this run).
 */
export function readSectionedFile<H extends object, T>(
  file: string,
  magic: string,
  what: string,
  check: (header: H) => void,
  use: (header: H, sections: SectionReader) => T,
  options: ReadOptions = {},
): T | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UnusableFileError(`cannot be opened: ${(error as Error).message}`);
  }
  let kept = false;
  try {
    const lead = readExactly(fd, Buffer.allocUnsafe(magic.length + 4), 0);
    if (lead.toString('latin1', 0, magic.length) !== magic) throw new UnusableFileError(`not a ${what}`);
    const headerLength = lead.readUInt32LE(magic.length);
    let header: H & { sections?: SectionHeader[] };
    try {
      header = JSON.parse(readExactly(fd, Buffer.allocUnsafe(headerLength), lead.length).toString('utf8')) as H & { sections?: SectionHeader[] };
    } catch (error) {
      throw new UnusableFileError(`damaged header: ${(error as Error).message}`);
    }
    check(header);
    const described = header.sections ?? [];
    let position = lead.length + headerLength;
    // sections may be skipped and read later: a file cut short is told now, not at that read
    if (fstatSync(fd).size < described.reduce((end, section) => end + section.bytes, position)) throw new UnusableFileError('truncated');
    const checkHere = options.checkAside === undefined;
    if (!checkHere) {
      let offset = position;
      options.checkAside?.(described.map(({ bytes, crc }) => ({ offset: (offset += bytes) - bytes, bytes, crc })));
    }
    let index = 0;
    const reader: SectionReader = {
      kinds: described.map((section) => section.kind),
      sizes: described.map((section) => section.bytes),
      next(kind, scratch) {
        const section = described[index];
        if (section === undefined || section.kind !== kind) throw new UnusableFileError(`section ${index} missing`);
        const bytes = readExactly(fd, into(section.bytes, scratch), position);
        position += section.bytes;
        if (checkHere && crc32(bytes) !== section.crc) throw new UnusableFileError(`checksum mismatch in section ${index}`);
        index++;
        return bytes;
      },
      skip(kind) {
        const section = described[index];
        if (section === undefined || section.kind !== kind) throw new UnusableFileError(`section ${index} missing`);
        const place = { offset: position, bytes: section.bytes, crc: section.crc, index };
        position += section.bytes;
        index++;
        return place;
      },
      readAt(place, scratch) {
        const bytes = readExactly(fd, into(place.bytes, scratch), place.offset);
        if (checkHere && crc32(bytes) !== place.crc) throw new UnusableFileError(`checksum mismatch in section ${place.index ?? '?'}`);
        return bytes;
      },
      keepOpen() {
        kept = true;
        return fd;
      },
    };
    return use(header, reader);
  } finally {
    if (!kept) closeSync(fd);
  }
}

/** Room for `bytes`: the front of `scratch` when it fits, else fresh memory. */
function into(bytes: number, scratch: Buffer | undefined): Buffer {
  return scratch !== undefined && scratch.length >= bytes ? scratch.subarray(0, bytes) : Buffer.allocUnsafe(bytes);
}

export function readExactly(fd: number, buffer: Buffer, position: number): Buffer {
  const bytes = buffer.length;
  let done = 0;
  while (done < bytes) {
    const read = readSync(fd, buffer, done, bytes - done, position + done);
    if (read === 0) throw new UnusableFileError('truncated');
    done += read;
  }
  return buffer;
}

/** A section as an Int32Array or Float32Array over its own bytes (a buffer of its own, not Node's shared pool, starts aligned). */
export function int32Of(bytes: Buffer): Int32Array {
  if (bytes.length % 4 !== 0) throw new UnusableFileError('section length');
  return bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4) : new Int32Array(Uint8Array.from(bytes).buffer);
}

export function float32Of(bytes: Buffer): Float32Array {
  if (bytes.length % 4 !== 0) throw new UnusableFileError('section length');
  return bytes.byteOffset % 4 === 0 ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4) : new Float32Array(Uint8Array.from(bytes).buffer);
}

/** One section of a file read into memory of its own (which can move to another thread), its checksum not checked. */
export function readSection(file: string, place: SectionPlace): Buffer {
  const fd = openSync(file, 'r');
  try {
    return readExactly(fd, Buffer.from(new ArrayBuffer(place.bytes)), place.offset);
  } finally {
    closeSync(fd);
  }
}

/** Bytes read at a time by `checkSections`: one buffer, reused, so checking a gigabyte costs no fresh memory. */
const CHECK_CHUNK = 16 * 1024 * 1024;

/** The checksum of a section's bytes, read through `chunk` a piece at a time. */
function crcOf(fd: number, { offset, bytes }: SectionPlace, chunk: Buffer): number {
  let value = 0;
  for (let done = 0; done < bytes; ) {
    const part = readExactly(fd, chunk.subarray(0, Math.min(chunk.length, bytes - done)), offset + done);
    value = crc32(part, value);
    done += part.length;
  }
  return value;
}

/** Checks the sections of a file against their checksums; the reason the first that fails does, or null when all hold. */
export function checkSections(file: string, sections: readonly SectionPlace[]): string | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return `cannot be read: ${(error as Error).message}`;
  }
  try {
    const chunk = Buffer.allocUnsafe(CHECK_CHUNK);
    for (const [index, place] of sections.entries()) if (crcOf(fd, place, chunk) !== place.crc) return `checksum mismatch in section ${index}`;
    return null;
  } catch (error) {
    return error instanceof UnusableFileError ? error.message : `cannot be read: ${(error as Error).message}`;
  } finally {
    closeSync(fd);
  }
}
