import { gzipSync } from 'node:zlib';
import { ANY, hostileBase, refuse, variants, type FuzzClass, type Variant } from './class-kit';
import { chance, pick, type Gen } from './draw';
import { asRaw, jsonText, renderPlan, TextBody, type JsonValue, type RequestPlan } from './fuzz-request';

/** Classes of bad header values (through node:http) and of requests only a raw socket can send. */

const BAD_TOKENS: Variant<string>[] = variants(refuse([400]), [
  ['empty', ''],
  ['201 characters', 'k'.repeat(201)],
  ['10,000 characters', 'k'.repeat(10_000)],
  ['latin-1 letter', 'kunci-é'],
]);

const BAD_IF_MATCH: Variant<string>[] = [
  ...variants(refuse([400]), [
    ['a word', 'yesterday'],
    ['negative', '"-1"'],
    ['exponent', '"1e3"'],
    ['letters', '"abc"'],
    ['empty quotes', '""'],
    ['lone quote', '"'],
    ['star', '*'],
    ['two versions', '"1", "2"'],
    ['16 digits', '"9999999999999999"'],
    ['fraction', '"1.5"'],
    ['hexadecimal', '"0x1"'],
  ]),
  ...variants(refuse([412]), [['a version the agreement is not at', '"999999"']]),
];

const BAD_CONTENT_TYPES: Variant<string>[] = [
  ...variants(refuse(), [
    ['text/plain', 'text/plain'],
    ['form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['UTF-16 charset', 'application/json; charset=utf-16'],
    ['latin-1 charset', 'application/json; charset=iso-8859-1'],
    ['unknown charset', 'application/json; charset=klingon'],
    ['near miss', 'application/jsonx'],
    ['merge-patch', 'application/merge-patch+json'],
  ]),
  ...variants(ANY, [
    ['upper case', 'APPLICATION/JSON'],
    ['explicit UTF-8', 'application/json; charset=UTF-8'],
  ]),
];

/** Content-Encoding values; `gzip (really compressed)` is the only one whose body is what it says. */
const ENCODINGS: Variant<string>[] = [
  ...variants(refuse(), [
    ['gzip over a plain body', 'gzip'],
    ['deflate over a plain body', 'deflate'],
    ['br over a plain body', 'br'],
    ['unknown coding', 'compress'],
    ['gzip twice over a plain body', 'gzip, gzip'],
  ]),
  ...variants(ANY, [
    ['identity', 'identity'],
    ['gzip (really compressed)', 'gzip-real'],
  ]),
];

function oversized(g: Gen, plan: RequestPlan): { variant: string; plan: RequestPlan } {
  if (chance(g, 0.5))
    return {
      variant: 'one 64 KB header',
      plan: { ...plan, headers: { ...plan.headers, 'X-Padding': 'p'.repeat(65_536) } },
    };
  const headers = { ...plan.headers };
  for (let i = 0; i < 200; i++) headers[`X-Padding-${i}`] = 'p'.repeat(400);
  return { variant: '200 headers of 400 bytes', plan: { ...plan, headers } };
}

export const headers: FuzzClass = {
  name: 'headers',
  weight: 6,
  appliesTo: () => true,
  async build(ctx, route, g) {
    const plan = await hostileBase(ctx, route!, g);
    const documented = route!.headers.map((h) => h.name);
    const choices = [...documented, ...(route!.body ? ['Content-Type', 'Content-Encoding'] : []), 'oversized'];
    const which = pick(g, choices);
    if (which === 'oversized') {
      const big = oversized(g, plan);
      return {
        variant: big.variant,
        where: 'headers',
        wire: asRaw(renderPlan(big.plan)),
        expect: refuse([431, 400, 413]),
      };
    }
    if (which === 'Content-Encoding') return encoded(plan, pick(g, ENCODINGS));
    const variant = pick(
      g,
      which === 'If-Match' ? BAD_IF_MATCH : which === 'Content-Type' ? BAD_CONTENT_TYPES : BAD_TOKENS,
    );
    return {
      variant: variant.label,
      where: `header ${which}`,
      plan: { ...plan, headers: { ...plan.headers, [which]: variant.value } },
      expect: variant.expect,
    };
  },
};

function encoded(plan: RequestPlan, variant: Variant<string>) {
  const text = jsonText(plan.body as JsonValue);
  const real = variant.value === 'gzip-real';
  const body = real ? gzipSync(text) : new TextBody(text);
  const headers = {
    ...plan.headers,
    'Content-Type': 'application/json',
    'Content-Encoding': real ? 'gzip' : variant.value,
  };
  return {
    variant: variant.label,
    where: 'header Content-Encoding',
    plan: { ...plan, headers, body },
    expect: variant.expect,
  };
}

/** The request line and common headers; `query` is appended to the URL. */
type Head = (query?: string) => string;

/** Requests node:http refuses to write: built as bytes, each wrong in one place. */
const RAW: readonly [string, (head: Head, body: string) => string][] = [
  [
    'NUL in a header value',
    (head, body) => `${head()}X-Actor: a\u0000b\r\nContent-Length: ${len(body)}\r\n\r\n${body}`,
  ],
  [
    'control character in If-Match',
    (head, body) => `${head()}If-Match: "1\u0001"\r\nContent-Length: ${len(body)}\r\n\r\n${body}`,
  ],
  ['space in a header name', (head, body) => `${head()}Bad Header: x\r\nContent-Length: ${len(body)}\r\n\r\n${body}`],
  ['header line without colon', (head, body) => `${head()}NoColonHere\r\nContent-Length: ${len(body)}\r\n\r\n${body}`],
  ['bad chunk size', (head, body) => `${head()}Transfer-Encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`],
  [
    'chunked and Content-Length',
    (head, body) =>
      `${head()}Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n${len(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`,
  ],
  [
    'Content-Length shorter than the body',
    (head, body) => `${head()}Content-Length: ${Math.max(1, len(body) - 5)}\r\n\r\n${body}`,
  ],
  ['Content-Length not a number', (head, body) => `${head()}Content-Length: abc\r\n\r\n${body}`],
  ['two Content-Lengths', (head, body) => `${head()}Content-Length: ${len(body)}\r\nContent-Length: 1\r\n\r\n${body}`],
  [
    '64 KB header',
    (head, body) => `${head()}X-Padding: ${'p'.repeat(65_536)}\r\nContent-Length: ${len(body)}\r\n\r\n${body}`,
  ],
  ['20 KB URL', (head, body) => `${head(`q=${'u'.repeat(20_000)}`)}Content-Length: ${len(body)}\r\n\r\n${body}`],
];

const len = (text: string) => Buffer.byteLength(text);

export const rawHttp: FuzzClass = {
  name: 'raw-http',
  weight: 3,
  appliesTo: () => true,
  async build(ctx, route, g) {
    const wire = renderPlan(await hostileBase(ctx, route!, g));
    // A body even on a GET: a declared length the bytes never reach would only make the server wait.
    const body = wire.body?.toString('utf8') ?? '{"x":1}';
    const head: Head = (query) => {
      const path = query === undefined ? wire.path : `${wire.path}${wire.path.includes('?') ? '&' : '?'}${query}`;
      return `${wire.method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n`;
    };
    const [label, make] = pick(g, RAW);
    const raw = Buffer.from(make(head, body), 'utf8');
    return { variant: label, where: 'request bytes', wire: { ...wire, raw }, expect: refuse() };
  },
};
