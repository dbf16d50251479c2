/**
 * What authentication adds to a request (issue 10): the same public route, `GET /auth/config`, answered by the
 * real app in its own process, one request at a time on a keep-alive connection:
 *   - anonymous: no Authorization header, nothing verified;
 *   - cached: the same bearer token every time (verified once, then answered from the verifier's memory);
 *   - fresh: a new token every request (an EdDSA signature verified every time: a client's first request).
 * A public route still authenticates a token it is sent (the answer may depend on who asks), so the three differ
 * only by the token's work. The modes are interleaved in rounds so that noise falls on all three alike.
 * Prints JSON figures; asserts nothing about speed.
 *   npm run bench:auth-cost [-- --requests 3000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, loadConfig, loadOrCreateSigningKey } from '@pks/infrastructure';
import { HttpClient } from './support/http-client';
import { arg, emit, latencyStats, progress, round, runScenario } from './support/scenario-io';
import { startServer } from './support/server-process';

type Mode = 'anonymous' | 'cached' | 'fresh';
const MODES: readonly Mode[] = ['anonymous', 'cached', 'fresh'];
const ROUND = 100;

async function main(): Promise<void> {
  const requests = Number(arg('requests', '3000'));
  const dir = mkdtempSync(join(tmpdir(), 'pks-auth-cost-'));
  const env = { SQLITE_PATH: join(dir, 'ledger.sqlite') };
  const server = await startServer(env);
  try {
    const { auth } = loadConfig({ ...process.env, ...env });
    if (auth.mode !== 'embedded') throw new Error('the bench signs its own tokens: unset AUTH_ISSUER');
    const key = await loadOrCreateSigningKey(auth.keyPath);
    const identity = { sub: 'bench-reader', roles: ['auditor' as const], regions: [], branches: [] };
    const fresh: string[] = [];
    for (let i = 0; i < requests + ROUND; i++)
      fresh.push(await issueToken(key, { ...identity, sub: `reader-${i}` }, 3_600));
    // One keep-alive connection, no token of its own: each request sets the header of its mode.
    const http = new HttpClient(server.base, 1);
    const ms: Record<Mode, number[]> = { anonymous: [], cached: [], fresh: [] };
    let next = 0;
    const send = async (mode: Mode) => {
      const token = mode === 'anonymous' ? undefined : mode === 'cached' ? server.token : fresh[next++];
      const { status, ms: elapsed } = await http.get('/auth/config', token ? { authorization: `Bearer ${token}` } : {});
      if (status !== 200) throw new Error(`${mode}: GET /auth/config answered ${status}`);
      return elapsed;
    };
    for (const mode of MODES) for (let i = 0; i < ROUND; i++) await send(mode); // warm-up, not counted
    progress(`auth-cost: ${requests} requests of each kind, interleaved in rounds of ${ROUND}`);
    for (let done = 0; done < requests; done += ROUND) {
      for (const mode of MODES) for (let i = 0; i < ROUND; i++) ms[mode].push(await send(mode));
    }
    http.close();
    const stats = Object.fromEntries(MODES.map((mode) => [mode, latencyStats(ms[mode])])) as Record<
      Mode,
      ReturnType<typeof latencyStats>
    >;
    for (const mode of MODES) {
      emit({
        key: `auth.${mode}`,
        label: `GET /auth/config, ${mode === 'anonymous' ? 'no token' : mode === 'cached' ? 'the same token every request' : 'a new token every request'}`,
        value: stats[mode].p50,
        unit: 'ms',
        stat: 'p50',
        p50: stats[mode].p50,
        p99: stats[mode].p99,
        n: stats[mode].n,
        meanMs: stats[mode].mean,
      });
    }
    for (const mode of ['cached', 'fresh'] as const) {
      emit({
        key: `auth.added.${mode}`,
        label: `added by a ${mode === 'cached' ? 'token seen before' : 'new token'} (mean, µs a request)`,
        value: round((stats[mode].mean - stats.anonymous.mean) * 1000, 0),
        unit: 'µs',
      });
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runScenario(main);
