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
import { actorsNotIssued, recordIssued } from './actors';
import { E2E_ADMIN, tokenFor, type TestIdentity } from './tokens';

/** A supertest client bound to the running app. */
export type Http = ReturnType<typeof request>;

export interface RunningApp {
  readonly app: NestExpressApplication;
  /** A client sending the admin token of E2E_ADMIN with every request. */
  readonly http: Http;
  /** A client sending no token. */
  readonly anonymous: Http;
  readonly config: AppConfig;
  /** The temp directory holding the SQLite files. */
  readonly dir: string;
  /** A token of this app's embedded issuer; its subject may then be the actor of events. */
  token(identity: TestIdentity, ttlSeconds?: number): Promise<string>;
  /** A client sending `Authorization: Bearer <token>` with every request. */
  as(token: string): Http;
  /**
   * Closes the app; removes the temp directory unless `keepFiles`. Fails when an event of the store names an
   * actor that is no token subject of the suite (events a test appended directly name theirs in `outsideApi`).
   */
  close(options?: { keepFiles?: boolean; outsideApi?: readonly string[] }): Promise<void>;
}

/**
 * The whole HTTP app on the real SQLite store, in a fresh temp directory (or `dir`, to reopen the files of an
 * app closed before). The server listens on an ephemeral port so that concurrent requests share one socket.
 * Clients are authenticated by tokens of the app's embedded issuer (its key in the temp directory); the admin's
 * commands are not rate-limited unless `env` says otherwise.
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
    RATE_LIMIT_COMMANDS: 'admin=off',
    RATE_LIMIT_LOOKUPS: 'admin=off',
    // The service's default (on) is run by the suites that ask for it, the built service's and E2E_PROJECTION_THREAD=on.
    PROJECTION_THREAD: process.env.E2E_PROJECTION_THREAD ?? 'off',
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
  // With an OIDC issuer, the tests sign their tokens with the issuer's key: no admin token is made here.
  const adminToken = config.auth.mode === 'embedded' ? await issue(config, E2E_ADMIN) : undefined;
  return running(app, config, dir, adminToken);
}

/** A supertest client whose every response is recorded (see {@link ResponseRecorder}). */
function recordingClient(client: Http, recorder: ResponseRecorder): Http {
  return new Proxy(client, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || typeof name !== 'string' || !HTTP_METHODS.has(name)) return value;
      return (...args: unknown[]) => {
        const test = (value as (...a: unknown[]) => request.Test).apply(target, args);
        test.on('response', (response: request.Response) => recorder.record(test.method, test.url, response));
        return test;
      };
    },
  });
}

const HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

async function issue(config: AppConfig, identity: TestIdentity, ttlSeconds?: number): Promise<string> {
  recordIssued(identity.sub);
  return tokenFor(config, identity, ttlSeconds);
}

function running(app: NestExpressApplication, config: AppConfig, dir: string, adminToken?: string): RunningApp {
  const recorder = new ResponseRecorder();
  const server = app.getHttpServer() as Server;
  const as = (token: string) =>
    recordingClient(request.agent(server).set('Authorization', `Bearer ${token}`), recorder);
  let closed = false;
  return {
    app,
    http: adminToken === undefined ? recordingClient(request.agent(server), recorder) : as(adminToken),
    anonymous: recordingClient(request(server), recorder),
    config,
    dir,
    token: (identity, ttlSeconds) => issue(config, identity, ttlSeconds),
    as,
    async close({ keepFiles = false, outsideApi = [] } = {}) {
      let strangers: string[] = [];
      if (!closed) {
        closed = true;
        const doc = (await request(app.getHttpServer() as Server).get('/docs-json')).body;
        strangers = await actorsNotIssued(app, outsideApi);
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
      if (strangers.length > 0)
        throw new Error(`events name actors that are no token subject: ${strangers.join(', ')}`);
    },
  };
}
