export interface RouteMatch<T> {
  route: T;
  template: string;
  params: Record<string, string>;
}

interface Entry<T> {
  method: string;
  template: string;
  segments: string[];
  route: T;
}

/** Matches decoded paths like `/webhooks/1/abc/messages/@original` against `:param` templates. */
export class Router<T> {
  private readonly entries: Entry<T>[] = [];

  add(method: string, template: string, route: T): void {
    this.entries.push({ method, template, segments: template.split('/').filter(Boolean), route });
  }

  match(method: string, path: string): RouteMatch<T> | 'method-not-allowed' | undefined {
    const segments = path.split('/').filter(Boolean).map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
    let pathMatched = false;
    for (const entry of this.entries) {
      const params = matchSegments(entry.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (entry.method === method) return { route: entry.route, template: entry.template, params };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }
}

function matchSegments(template: string[], path: string[]): Record<string, string> | undefined {
  if (template.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of template.entries()) {
    const actual = path[index] ?? '';
    if (segment.startsWith(':')) params[segment.slice(1)] = actual;
    else if (segment !== actual) return undefined;
  }
  return params;
}
