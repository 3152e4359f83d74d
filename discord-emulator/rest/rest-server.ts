import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../src/clock.js';
import { DiscordApiError, Errors } from './discord-error.js';
import type { FaultInjector, FaultRule } from './faults.js';
import { parseBody, readRaw } from './http-body.js';
import type { InteractionTracker, RestReply } from '../interactions/tracker.js';
import { isObject } from '../json.js';
import type { UploadedFile } from '../messages/store.js';
import { RateLimiter, rateLimitHeaders, type BucketState } from './rate-limits.js';
import type { RouteDefinition } from './routes.js';
import type { Router } from './router.js';

export interface RecordedRequest {
  seq: number;
  method: string;
  /** Path after `/api/v10`, decoded (`@original`, not `%40original`). */
  path: string;
  rawPath: string;
  /** The route template, e.g. `/webhooks/:application_id/:token/messages/:message_id`. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Lower-cased request headers, without Authorization. */
  headers: Record<string, string>;
  authorized: boolean;
  body: unknown;
  files: UploadedFile[];
  status: number;
  response: unknown;
  /** Time on the injectable clock; `wallTime` is Date.now(). */
  at: number;
  wallTime: number;
  fault?: 'rate-limit' | 'server-error' | 'delay';
}

export interface RestServerDependencies {
  routes: Router<RouteDefinition>;
  token: string;
  clock: Clock;
  faults: FaultInjector;
  limiter: RateLimiter | null;
  interactions: InteractionTracker;
  onRecorded(record: RecordedRequest): void;
  onCommandsChanged(): void;
  onUnexpectedError(error: unknown): void;
}

interface Answer {
  reply: RestReply;
  headers: Record<string, string>;
}

function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** The REST pipeline: record, parse, route, authorize, inject faults, rate-limit, answer in Discord's shapes. */
export class RestServer {
  readonly recorded: RecordedRequest[] = [];

  constructor(private readonly deps: RestServerDependencies) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = (request.method ?? 'GET').toUpperCase();
    const versioned = /^\/api\/v(\d+)(\/.*)?$/.exec(url.pathname);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.headers)) {
      if (key !== 'authorization' && value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    const record: RecordedRequest = {
      seq: this.recorded.length + 1,
      method,
      path: versioned ? decodePath(versioned[2] ?? '/') : url.pathname,
      rawPath: url.pathname,
      route: null,
      params: {},
      query: Object.fromEntries(url.searchParams),
      headers,
      authorized: request.headers.authorization === `Bot ${this.deps.token}`,
      body: undefined,
      files: [],
      status: 0,
      response: undefined,
      at: this.deps.clock.now(),
      wallTime: Date.now(),
    };
    this.recorded.push(record);
    const tokenInUse: { value?: string } = {};
    const answer = await this.answer(request, url, versioned?.[1] ?? null, record, tokenInUse);
    this.send(record, response, answer);
    if (tokenInUse.value) {
      const body = answer.reply.body;
      const retryAfterMs = isObject(body) && typeof body.retry_after === 'number' ? body.retry_after * 1000 : 0;
      this.deps.interactions.endRequest(tokenInUse.value, answer.reply.status, retryAfterMs);
    }
  }

  private async answer(
    request: IncomingMessage,
    url: URL,
    version: string | null,
    record: RecordedRequest,
    tokenInUse: { value?: string },
  ): Promise<Answer> {
    let headers: Record<string, string> = {};
    try {
      const raw = await readRaw(request);
      if (version !== '10') throw Errors.notFound();
      const parsed = await parseBody(raw, request.headers['content-type']);
      record.body = parsed.body;
      record.files = parsed.files;
      const match = this.deps.routes.match(record.method, record.path);
      if (match === undefined) throw Errors.notFound();
      if (match === 'method-not-allowed') throw Errors.methodNotAllowed();
      record.route = match.template;
      record.params = match.params;
      const token = match.params.interaction_token ?? (match.template.startsWith('/webhooks/') ? match.params.token : undefined);
      if (token) {
        tokenInUse.value = token;
        this.deps.interactions.beginRequest(token);
      }
      if (match.route.auth && !record.authorized) throw Errors.unauthorized();
      const bucketKey = `${record.method} ${match.template}`;
      const major = match.route.major ? match.route.major(match.params) : null;
      const fault = this.deps.faults.take(record.method, record.path);
      if (fault) {
        record.fault = fault.fault.kind;
        if (fault.fault.kind === 'delay') await sleep(fault.fault.delayMs);
        else return this.faultAnswer(fault, bucketKey, major);
      }
      if (major !== null && this.deps.limiter) {
        const { allowed, state } = this.deps.limiter.take(bucketKey, major);
        headers = rateLimitHeaders(state, Date.now());
        if (!allowed) return this.limitedAnswer(state);
      }
      const reply = await match.route.handle({
        method: record.method,
        path: record.path,
        params: match.params,
        query: url.searchParams,
        body: parsed.body,
        files: parsed.files,
      });
      if (match.template.includes('/commands')) this.deps.onCommandsChanged();
      return { reply, headers };
    } catch (error) {
      if (error instanceof DiscordApiError) return { reply: { status: error.status, body: error.body }, headers };
      this.deps.onUnexpectedError(error);
      return { reply: { status: 500, body: { message: '500: Internal Server Error', code: 0 } }, headers };
    }
  }

  private limitedAnswer(state: BucketState): Answer {
    const retryAfter = Math.max(0, state.resetAtMs - Date.now()) / 1000;
    return {
      reply: { status: 429, body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false } },
      headers: { ...rateLimitHeaders(state, Date.now()), 'retry-after': retryAfter.toFixed(3), 'x-ratelimit-scope': 'user' },
    };
  }

  private faultAnswer(rule: FaultRule, bucketKey: string, major: string | null): Answer {
    const fault = rule.fault;
    if (fault.kind === 'server-error') {
      return { reply: { status: fault.status, body: { message: `${fault.status}: Internal Server Error`, code: 0 } }, headers: {} };
    }
    const retryAfter = fault.kind === 'rate-limit' ? fault.retryAfterSeconds : 0;
    const global = fault.kind === 'rate-limit' && fault.global;
    const resetAtMs = Date.now() + retryAfter * 1000;
    const state: BucketState = this.deps.limiter
      ? { ...this.deps.limiter.peek(bucketKey, major ?? 'global'), remaining: 0, resetAtMs }
      : { bucket: RateLimiter.bucketHash(bucketKey), limit: 1, remaining: 0, resetAtMs };
    return {
      reply: { status: 429, body: { message: 'You are being rate limited.', retry_after: retryAfter, global } },
      headers: {
        ...rateLimitHeaders(state, Date.now()),
        'retry-after': String(retryAfter),
        'x-ratelimit-scope': fault.kind === 'rate-limit' ? fault.scope : 'user',
        ...(global ? { 'x-ratelimit-global': 'true' } : {}),
      },
    };
  }

  private send(record: RecordedRequest, response: ServerResponse, { reply, headers }: Answer): void {
    record.status = reply.status;
    record.response = reply.body === undefined ? undefined : structuredClone(reply.body);
    this.deps.onRecorded(record);
    response.statusCode = reply.status;
    for (const [key, value] of Object.entries(headers)) response.setHeader(key, value);
    if (reply.status === 204 || reply.body === undefined) {
      response.end();
      return;
    }
    const text = JSON.stringify(reply.body);
    response.setHeader('content-type', 'application/json');
    response.setHeader('content-length', Buffer.byteLength(text));
    response.end(text);
  }
}
