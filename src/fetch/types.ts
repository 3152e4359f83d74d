import type { TextKind } from './sniff.js';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Host name → addresses; the default asks the system resolver (dns.lookup), tests pass their own. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface FetchOptions {
  /** Fetch loopback, private, link-local… addresses too (ALLOW_PRIVATE_URLS: tests and local mode). */
  readonly allowPrivate?: boolean;
  /** Which resolved addresses may be connected to; default: public unicast only, unless allowPrivate. */
  readonly addressAllowed?: (address: string) => boolean;
  readonly resolve?: Resolver;
  /** Whole operation, redirects and body included (default 15 s). */
  readonly timeoutMs?: number;
  /** Largest body, counted after decompression (default 5 MB). */
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  readonly userAgent?: string;
  /** Sent as Accept; what the caller hopes for. */
  readonly accept?: string;
  /** Conditional GET: the validators of the copy the caller already has. */
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  readonly signal?: AbortSignal;
}

export interface Redirect {
  readonly status: number;
  readonly from: string;
  readonly to: string;
}

interface Answered {
  /** The URL finally answered, after redirects. */
  readonly url: string;
  readonly status: number;
  readonly redirects: readonly Redirect[];
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export interface Fetched extends Answered {
  readonly ok: true;
  readonly kind: 'fetched';
  readonly contentType: string | null;
  readonly textKind: TextKind;
  readonly text: string;
  readonly charset: string;
  /** Set when the declared charset was wrong and another was used. */
  readonly charsetNote: string | null;
  /** Decoded bytes. */
  readonly bytes: number;
}

export interface NotModified extends Answered {
  readonly ok: true;
  readonly kind: 'not-modified';
}

export type FetchFailureReason =
  | 'invalid-url'
  | 'unsupported-scheme'
  | 'credentials-in-url'
  | 'blocked-address'
  | 'dns-failed'
  | 'connection-failed'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'rate-limited'
  | 'http-error'
  | 'not-text'
  | 'bad-encoding'
  | 'aborted';

export interface FetchFailure {
  readonly ok: false;
  readonly reason: FetchFailureReason;
  /** One line for a person. */
  readonly message: string;
  /** The URL being fetched when it failed. */
  readonly url: string;
  readonly status: number | null;
  /** Seconds the server asked us to wait (Retry-After on 429 and 503), else null. */
  readonly retryAfterSeconds: number | null;
  readonly redirects: readonly Redirect[];
}

export type FetchResult = Fetched | NotModified | FetchFailure;
