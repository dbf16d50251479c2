import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../../apps/api/src/app.module';
import { loadConfig } from '@pks/infrastructure';
import { configureApp } from '../../../apps/api/src/setup';
import { E2E_ADMIN, tokenFor } from '../../e2e/support/tokens';

export interface AppOnStandIn {
  /** A client sending an admin's token with every request. */
  readonly http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * The whole HTTP app on the EventStoreDB adapter, connected with `connectionString` (a wire stand-in of the
 * test's own, so that the test can inject faults), configured through the environment as in production.
 */
export async function startAppOn(connectionString: string, env: NodeJS.ProcessEnv = {}): Promise<AppOnStandIn> {
  const dir = mkdtempSync(join(tmpdir(), 'pks-wire-'));
  const config = loadConfig({
    EVENT_STORE: 'eventstoredb',
    EVENTSTORE_CONNECTION_STRING: connectionString,
    EVENTSTORE_STREAM_PREFIX: `wire-${Date.now()}.`,
    SQLITE_PATH: join(dir, 'ledger.sqlite'),
    CONSISTENCY_TIMEOUT_MS: '300',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_COMMANDS: 'admin=off',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app, config);
  await app.init();
  await app.listen(0, '127.0.0.1');
  const token = await tokenFor(config, E2E_ADMIN);
  return {
    http: request.agent(app.getHttpServer() as Server).set('Authorization', `Bearer ${token}`),
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
