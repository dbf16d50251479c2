import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { WireRequest } from './fuzz-request';

/** What came back: an HTTP answer, or no answer at all (the time bound passed, the connection dropped). */
export type Answer =
  | {
      readonly kind: 'answered';
      readonly status: number;
      readonly headers: IncomingHttpHeaders;
      readonly text: string;
      readonly ms: number;
    }
  | { readonly kind: 'no-answer'; readonly reason: string; readonly ms: number };

/** The bearer token every request carries unless it has an Authorization header of its own (the service's admin). */
let bearer: string | undefined;

export function useBearer(token: string): void {
  bearer = token;
}

export function currentBearer(): string | undefined {
  return bearer;
}

/**
 * Sends one request on a connection of its own (no keep-alive: a hostile request must not leave a half-read
 * socket for the next one) and waits at most `timeoutMs` for the whole answer. Authenticated as the service's
 * admin, so that hostile input is judged past authentication, unless the request sets Authorization itself.
 */
export function send(port: number, request: WireRequest, timeoutMs: number): Promise<Answer> {
  if (request.raw !== undefined) return sendRaw(port, authorizedRaw(request.raw), timeoutMs);
  const own = Object.keys(request.headers).some((name) => name.toLowerCase() === 'authorization');
  const headers =
    own || bearer === undefined ? request.headers : { ...request.headers, Authorization: `Bearer ${bearer}` };
  return sendHttp(port, { ...request, headers }, timeoutMs);
}

/** The raw bytes with an Authorization line after the request line, unless their head has one. */
function authorizedRaw(raw: Buffer): Buffer {
  const firstLine = raw.indexOf('\r\n');
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1');
  if (bearer === undefined || firstLine < 0 || /\r\nauthorization:/i.test(head)) return raw;
  const line = Buffer.from(`\r\nAuthorization: Bearer ${bearer}`, 'latin1');
  return Buffer.concat([raw.subarray(0, firstLine), line, raw.subarray(firstLine)]);
}

function sendHttp(port: number, wire: WireRequest, timeoutMs: number): Promise<Answer> {
  const started = Date.now();
  // node:http frames a GET or DELETE body neither by length nor by chunks: the server would read it as the
  // next request. Declare its length whatever the method.
  const framed = Object.keys(wire.headers).some((h) => /^(content-length|transfer-encoding)$/i.test(h));
  const headers =
    wire.body === undefined || framed ? wire.headers : { ...wire.headers, 'Content-Length': String(wire.body.length) };
  return new Promise((resolve) => {
    let done = false;
    const finish = (answer: Answer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(answer);
    };
    const noAnswer = (reason: string) => finish({ kind: 'no-answer', reason, ms: Date.now() - started });
    const timer = setTimeout(() => noAnswer(`no answer within ${timeoutMs} ms`), timeoutMs);
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: wire.method,
      path: wire.path,
      headers,
      agent: false,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        finish({
          kind: 'answered',
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          ms: Date.now() - started,
        }),
      );
      res.on('error', (error) => noAnswer(`answer cut off: ${error.message}`));
    });
    // A server that answers before it has read the whole body (413) may reset the connection under our write.
    req.on('error', (error: NodeJS.ErrnoException) => noAnswer(`connection failed: ${error.code ?? error.message}`));
    req.end(wire.body);
  });
}

/** Writes `bytes` as they are and parses the HTTP/1.1 answer read until the server closes the connection. */
function sendRaw(port: number, bytes: Buffer, timeoutMs: number): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const socket = connect(port, '127.0.0.1');
    const finish = (reason: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseAnswer(Buffer.concat(chunks));
      const ms = Date.now() - started;
      resolve(parsed ? { kind: 'answered', ...parsed, ms } : { kind: 'no-answer', reason, ms });
    };
    const timer = setTimeout(() => finish(`no answer within ${timeoutMs} ms`), timeoutMs);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (parseAnswer(Buffer.concat(chunks), true)) finish('answered');
    });
    socket.on('end', () => finish('connection closed without an answer'));
    socket.on('error', (error: NodeJS.ErrnoException) => finish(`connection failed: ${error.code ?? error.message}`));
  });
}

/** The answer in `bytes`, or null while it is incomplete (`complete`: only when its body is all there). */
export function parseAnswer(
  bytes: Buffer,
  complete = false,
): { status: number; headers: IncomingHttpHeaders; text: string } | null {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!match) return null;
  const headers: IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = bytes.subarray(end + 4);
  const body = headers['transfer-encoding'] === 'chunked' ? dechunk(rest) : bodyOf(rest, headers['content-length']);
  if (body === null) return complete ? null : { status: Number(match[1]), headers, text: rest.toString('utf8') };
  return { status: Number(match[1]), headers, text: body.toString('utf8') };
}

function bodyOf(rest: Buffer, contentLength: string | string[] | undefined): Buffer | null {
  if (contentLength === undefined) return rest.length === 0 ? rest : null;
  const length = Number(contentLength);
  return rest.length >= length ? rest.subarray(0, length) : null;
}

function dechunk(rest: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return null;
    if (size === 0) return Buffer.concat(parts);
    if (rest.length < lineEnd + 2 + size) return null;
    parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
