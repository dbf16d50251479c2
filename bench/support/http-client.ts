import { Agent, request } from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly ms: number;
  readonly bytes: number;
}

/**
 * A keep-alive HTTP/1.1 client on node:http (lighter on CPU than fetch, which matters when the load generator
 * shares two cores with the server), sending its bearer token with every request. `ms` is the time from sending the
 * request to the last byte of the answer; `text` is decoded when first read.
 * A request whose socket stays silent for `BENCH_HTTP_TIMEOUT_MS` (default 120 s) fails with a network error
 * naming it, so that a server that stops answering ends the run instead of hanging it.
 */
export const HTTP_TIMEOUT_MS = Number(process.env.BENCH_HTTP_TIMEOUT_MS ?? 120_000);

export class HttpClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(
    base: string,
    connections = 64,
    private readonly token?: string,
    private readonly timeoutMs = HTTP_TIMEOUT_MS,
  ) {
    this.url = new URL(base);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  get(path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.send('GET', path, undefined, headers);
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.send('POST', path, typeof body === 'string' ? body : JSON.stringify(body), headers);
  }

  /** Status and parsed body; throws on a network error. */
  async json(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any; ms: number }> {
    const answer = method === 'GET' ? await this.get(path) : await this.post(path, body);
    let parsed: unknown;
    try {
      parsed = answer.text === '' ? null : JSON.parse(answer.text);
    } catch {
      parsed = answer.text;
    }
    return { status: answer.status, body: parsed, ms: answer.ms };
  }

  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path,
          method,
          agent: this.agent,
          headers: {
            ...(this.token === undefined ? {} : { authorization: `Bearer ${this.token}` }),
            ...(body === undefined
              ? headers
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            // The time to the last byte, before anything is made of the bytes; the text only when read: decoding
            // a 130 KB answer takes the client about 0.2 ms, which was counted in its latency and taken from the
            // two cores the server shares.
            const ms = performance.now() - started;
            const buffer = Buffer.concat(chunks);
            let text: string | undefined;
            resolve({
              status: res.statusCode ?? 0,
              get text() {
                return (text ??= buffer.toString('utf8'));
              },
              ms,
              bytes: buffer.length,
            });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(new Error(`${method} ${path}: no answer for ${this.timeoutMs} ms (BENCH_HTTP_TIMEOUT_MS)`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** The stable error code of an answer (API.md error shape), or '' */
export function errorCode(text: string): string {
  try {
    const body = JSON.parse(text) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : '';
  } catch {
    return '';
  }
}
