/**
 * A request of the hostile-input suite, first as a structure the generators edit (route, parameters, JSON body),
 * then as the bytes sent. JSON is written by `jsonText` so that a body can hold what `JSON.stringify` cannot:
 * numbers beyond double precision (`RawJson`), own `__proto__` keys, nesting deeper than the stack allows.
 */

/** JSON text inserted verbatim, e.g. `9007199254740993` or `[[[...]]]`. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Object members are `unknown` so that the e2e body builders (`Record<string, unknown>`) fit; values are JSON. */
export type JsonValue = null | boolean | number | string | RawJson | JsonValue[] | { [key: string]: unknown };

/** One query parameter; `raw` values are put in the URL as they are (no percent-encoding). */
export interface QueryParam {
  readonly name: string;
  readonly value: string;
  readonly raw?: boolean;
}

/** A request before it is rendered: what the generators build and mutate. */
export interface RequestPlan {
  method: string;
  /** An OpenAPI path template (`/agreements/{id}/cohorts`) or a literal path. */
  template: string;
  pathParams: Record<string, string>;
  /** Path parameters put in the URL without percent-encoding (e.g. a lone `%`). */
  rawPathParams?: ReadonlySet<string>;
  query: QueryParam[];
  headers: Record<string, string>;
  /** `undefined`: no body. A string or Buffer is sent as it is; anything else as JSON text. */
  body?: JsonValue | Buffer | TextBody;
}

/** What goes on the wire. `raw` requests are written byte for byte on a TCP socket. */
export interface WireRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly raw?: Buffer;
}

export function jsonText(value: JsonValue): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    // Object.keys lists an own `__proto__` key like any other.
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${jsonText(value[key] as JsonValue)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function renderPlan(plan: RequestPlan): WireRequest {
  const path = plan.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = plan.pathParams[name] ?? '';
    return plan.rawPathParams?.has(name) ? value : encodeLoosely(value);
  });
  const query = plan.query.map((q) => `${encodeLoosely(q.name)}=${q.raw ? q.value : encodeLoosely(q.value)}`).join('&');
  const headers = { ...plan.headers };
  let body: Buffer | undefined;
  if (Buffer.isBuffer(plan.body)) body = plan.body;
  else if (plan.body instanceof TextBody) body = Buffer.from(plan.body.text, 'utf8');
  else if (plan.body !== undefined) body = Buffer.from(jsonText(plan.body), 'utf8');
  if (body !== undefined && !hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
  return { method: plan.method, path: query ? `${path}?${query}` : path, headers, body };
}

/** A body sent as this exact text (malformed JSON, a form...), never re-serialised. */
export class TextBody {
  constructor(readonly text: string) {}
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) is sent as its three WTF-8 bytes, the way
 * a careless client would send it.
 */
export function encodeLoosely(text: string): string {
  let out = '';
  for (const char of text) {
    // Iterating a string yields whole code points: a surrogate alone is one that has no partner.
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

export function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}

/** A deep copy of a JSON body (bodies are built fresh, so they hold no RawJson nor own `__proto__` yet). */
export function cloneJson<T extends JsonValue>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function planCopy(plan: RequestPlan): RequestPlan {
  const body = plan.body;
  const copiedBody = body === undefined || Buffer.isBuffer(body) || body instanceof TextBody ? body : cloneJson(body);
  return {
    ...plan,
    pathParams: { ...plan.pathParams },
    query: [...plan.query],
    headers: { ...plan.headers },
    body: copiedBody,
  };
}

/**
 * The request as HTTP/1.1 bytes with `Connection: close`. For requests the server answers before it has read
 * them whole (oversized headers): node:http may report the reset of the connection instead of the answer that
 * came before it, a raw socket reads what arrived.
 */
export function asRaw(wire: WireRequest): WireRequest {
  const lines = [`${wire.method} ${wire.path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of Object.entries(wire.headers)) lines.push(`${name}: ${value}`);
  if (wire.body !== undefined) lines.push(`Content-Length: ${wire.body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return { ...wire, raw: wire.body === undefined ? head : Buffer.concat([head, wire.body]) };
}
