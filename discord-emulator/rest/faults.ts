export interface RequestMatcher {
  /** HTTP method; any when omitted. */
  method?: string;
  /** After `/api/v10`, decoded; `:name` or `*` match one segment (`/webhooks/:app/:token`). */
  path: string | RegExp;
}

export type FaultKind =
  | { kind: 'rate-limit'; retryAfterSeconds: number; global: boolean; scope: 'user' | 'global' | 'shared' }
  | { kind: 'server-error'; status: number }
  | { kind: 'delay'; delayMs: number };

export interface FaultRule {
  id: number;
  matcher: RequestMatcher;
  fault: FaultKind;
  remaining: number;
  /** How many requests this rule answered so far. */
  hits: number;
}

export function pathMatches(pattern: string | RegExp, path: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('?')[0]!.split('/').filter(Boolean);
  if (want.length !== got.length) return false;
  return want.every((segment, index) => segment === '*' || segment.startsWith(':') || segment === got[index]);
}

export function requestMatches(matcher: RequestMatcher, method: string, path: string): boolean {
  return (!matcher.method || matcher.method.toUpperCase() === method.toUpperCase()) && pathMatches(matcher.path, path);
}

/** Faults queued by tests: each rule answers the next N matching requests, then retires. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(matcher: RequestMatcher, fault: FaultKind, times: number): FaultRule {
    const rule: FaultRule = { id: this.nextId++, matcher, fault, remaining: times, hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  /** Takes the first live rule matching this request, counting it as used. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && requestMatches(r.matcher, method, path));
    if (!rule) return undefined;
    rule.remaining -= 1;
    rule.hits += 1;
    return rule;
  }

  clear(): void {
    this.rules = [];
  }

  get active(): FaultRule[] {
    return this.rules.filter((r) => r.remaining > 0);
  }
}
