import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule, type AppModuleOptions } from '../../../apps/api/src/app.module';
import { loadConfig, type AppConfig } from '@pks/infrastructure';
import { configureApp } from '../../../apps/api/src/setup';
import { ResponseRecorder } from './openapi-check';

/** A supertest client bound to the running app. */
export type Http = ReturnType<typeof request>;

export interface RunningApp {
  readonly app: NestExpressApplication;
  readonly http: Http;
  readonly config: AppConfig;
  /** The temp directory holding the SQLite files. */
  readonly dir: string;
  /** Closes the app; removes the temp directory unless `keepFiles`. */
  close(options?: { keepFiles?: boolean }): Promise<void>;
}

/**
 * The whole HTTP app on the real SQLite store, in a fresh temp directory (or `dir`, to reopen the files of an
 * app closed before). The server listens on an ephemeral port so that concurrent requests share one socket.
 */
export async function startApp(
  options: { dir?: string; env?: Record<string, string>; module?: AppModuleOptions } = {},
): Promise<RunningApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'pks-e2e-'));
  // E2E_EVENT_STORE=eventstoredb (set by npm run test:eventstoredb) runs the same suites against EventStoreDB,
  // each app under its own stream prefix so that test files do not see each other's streams.
  const eventStore = process.env.E2E_EVENT_STORE ?? 'sqlite';
  const config = loadConfig({
    SQLITE_PATH: join(dir, 'ledger.sqlite'),
    CONSISTENCY_TIMEOUT_MS: '300',
    // The JSON request log on stdout would drown jest's report; E2E_LOG_LEVEL=info shows it.
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    EVENT_STORE: eventStore,
    EVENTSTORE_CONNECTION_STRING: process.env.EVENTSTORE_CONNECTION_STRING,
    EVENTSTORE_STREAM_PREFIX: eventStore === 'eventstoredb' ? `e2e-${basename(dir)}.` : undefined,
    ...options.env,
  });
  let app: NestExpressApplication | undefined;
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(config, options.module)],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    configureApp(app, config);
    await app.init();
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close().catch(() => undefined);
    if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return running(app, config, dir);
}

/** A supertest client whose every response is recorded (see {@link ResponseRecorder}). */
function recordingClient(server: Server, recorder: ResponseRecorder): Http {
  const http = request(server);
  return new Proxy(http, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        const test = (value as (...a: unknown[]) => request.Test).apply(target, args);
        test.on('response', (response: request.Response) => recorder.record(test.method, test.url, response));
        return test;
      };
    },
  });
}

function running(app: NestExpressApplication, config: AppConfig, dir: string): RunningApp {
  const recorder = new ResponseRecorder();
  const http = recordingClient(app.getHttpServer() as Server, recorder);
  let closed = false;
  return {
    app,
    http,
    config,
    dir,
    async close({ keepFiles = false } = {}) {
      if (!closed) {
        closed = true;
        const doc = (await request(app.getHttpServer() as Server).get('/docs-json')).body;
        await app.close();
        const violations = recorder.check(doc, expect.getState().testPath ?? 'unknown');
        if (!keepFiles) rmSync(dir, { recursive: true, force: true });
        if (violations.length > 0) {
          throw new Error(
            `responses that the OpenAPI document does not describe:\n${violations.slice(0, 20).join('\n')}`,
          );
        }
      }
      if (!keepFiles) rmSync(dir, { recursive: true, force: true });
    },
  };
}
