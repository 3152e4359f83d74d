export { fetchUrl, FETCH_DEFAULTS, retryAfterSeconds } from './fetch.js';
export { isPublicAddress } from './address-policy.js';
export { decodeBody } from './charset.js';
export { userAgent } from './user-agent.js';
export { withoutTracking } from './tracking.js';
export type { FetchResult, Fetched, NotModified, FetchFailure, FetchFailureReason, FetchOptions, Redirect, Resolver, ResolvedAddress } from './types.js';
export type { TextKind } from './sniff.js';
