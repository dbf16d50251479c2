/**
 * What the service's path costs every request (issue 14): `GET /health` with the bench's signed-in token, the
 * real app in its own process, 8 clients on keep-alive connections, after a warm-up; the server's CPU time
 * (user + system, from /proc) over the requests, divided by their number. /health does little of its own (the
 * store's head, the read side's status, the last signed head), so this is mostly Express, Nest, the guard, the
 * interceptor, the middlewares and the socket. Compare runs on the same machine, interleaved: it drifts.
 * Prints JSON figures; asserts nothing about speed.
 *   npm run bench:request-cost [-- --requests 20000 --path /health]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from './support/http-client';
import { arg, cpuSeconds, emit, progress, round, runScenario } from './support/scenario-io';
import { startServer } from './support/server-process';

const CLIENTS = 8;

async function main(): Promise<void> {
  const requests = Number(arg('requests', '20000'));
  const path = arg('path', '/health');
  const dir = mkdtempSync(join(tmpdir(), 'pks-request-cost-'));
  const server = await startServer({ SQLITE_PATH: join(dir, 'ledger.sqlite') });
  try {
    const http = new HttpClient(server.base, CLIENTS, server.token);
    const load = async (n: number) => {
      let sent = 0;
      const client = async () => {
        while (sent++ < n) {
          const { status } = await http.get(path);
          if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
    };
    await load(Math.min(requests, 3_000));
    progress(`request-cost: ${requests} x GET ${path} from ${CLIENTS} clients`);
    const before = cpuSeconds(server.pid);
    const started = performance.now();
    await load(requests);
    const seconds = (performance.now() - started) / 1000;
    const after = cpuSeconds(server.pid);
    http.close();
    if (before === null || after === null) throw new Error('no /proc: the server CPU time cannot be read');
    emit({
      key: 'request-cost.serverCpu',
      label: `server CPU time a GET ${path}, ${CLIENTS} clients, ${requests} requests`,
      value: round(((after - before) / requests) * 1e6, 1),
      unit: 'µs',
      requestsPerSecond: Math.round(requests / seconds),
    });
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runScenario(main);
