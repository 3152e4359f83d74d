import type { IncomingMessage } from 'node:http';
import { Errors } from './discord-error.js';
import { isObject } from '../json.js';
import type { UploadedFile } from '../messages/store.js';

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
}

export async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Request('http://local/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  let body: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') {
        const parsed: unknown = JSON.parse(value);
        if (isObject(parsed)) body = { ...body, ...parsed };
      } else body[field] = value;
    } else {
      files.push({ field, name: value.name, contentType: value.type || 'application/octet-stream', size: value.size });
    }
  }
  return { body, files };
}

/** JSON or multipart/form-data (with `payload_json`), the two shapes discord.js sends. */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = (contentType ?? '').toLowerCase();
  try {
    if (type.startsWith('multipart/form-data')) return await parseMultipart(raw, contentType ?? '');
    if (type.startsWith('application/json')) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    throw Errors.invalidJson();
  }
  return { body: raw.toString('utf8'), files: [] };
}
