/**
 * The routes of the API, as its OpenAPI document lists them, to tell an unknown path (404) from a known path
 * asked with the wrong method (405, with the methods it allows).
 */
export class RouteTable {
  private readonly routes: { readonly pattern: RegExp; readonly methods: readonly string[] }[];

  constructor(paths: Readonly<Record<string, object>>) {
    this.routes = Object.entries(paths).map(([template, operations]) => ({
      pattern: new RegExp(`^${template.split('/').map(segmentPattern).join('/')}/?$`),
      methods: Object.keys(operations)
        .filter((method) => HTTP_METHODS.has(method))
        .map((method) => method.toUpperCase()),
    }));
  }

  /** The methods a path allows, or an empty list when no route has this path. */
  methodsOf(path: string): string[] {
    const allowed = new Set<string>();
    for (const route of this.routes) if (route.pattern.test(path)) route.methods.forEach((m) => allowed.add(m));
    if (allowed.has('GET')) allowed.add('HEAD');
    return [...allowed].sort();
  }
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** `{id}` matches one path segment; anything else matches itself. */
function segmentPattern(segment: string): string {
  return /^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
