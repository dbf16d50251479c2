import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../apps/api/src/app.module';
import { issueToken, loadConfig, loadOrCreateSigningKey, type AppConfig } from '@pks/infrastructure';
import { configureApp } from '../../apps/api/src/setup';

/** The real app on a fresh SQLite file, listening on a free loopback port. */
export async function startHttpApp(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pks-bench-'));
  const config: AppConfig = loadConfig({
    SQLITE_PATH: join(dir, 'ledger.sqlite'),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_COMMANDS: 'admin=off',
    RATE_LIMIT_LOOKUPS: 'admin=off',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const key = config.auth.mode === 'embedded' ? await loadOrCreateSigningKey(config.auth.keyPath) : null;
  const identity = { sub: 'bench-client', roles: ['admin' as const], regions: [], branches: [] };
  const authorization = key === null ? '' : `Bearer ${await issueToken(key, identity, 24 * 3_600)}`;
  return {
    config,
    base,
    async post(path: string, body: unknown): Promise<{ status: number; body: any }> {
      const response = await fetch(base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    async get(path: string): Promise<{ status: number; body: any }> {
      const response = await fetch(base + path, { headers: { authorization } });
      return { status: response.status, body: await response.json() };
    },
    close: () => app.close(),
  };
}

export function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}
