/**
 * Child process of reactor-kill.e2e-spec.ts: the whole service on SQLite, which SIGKILLs itself the moment the
 * store has committed a DeathBenefitPaid, before the answer leaves and before any reactor sees the event.
 *
 * Usage: node --require ./swc-hook.js reactor-kill-child.ts <directory>
 * Prints `listening <port>` once it serves.
 */
import 'reflect-metadata';
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { loadConfig } from '@pks/infrastructure';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/setup';

async function main(dir: string): Promise<void> {
  const config = loadConfig({ SQLITE_PATH: join(dir, 'ledger.sqlite'), PORT: '0', LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: false,
  });
  const store = app.get<EventStore>(EVENT_STORE);
  const append = store.append.bind(store);
  store.append = async (...args) => {
    const result = await append(...args);
    if (result.events.some((event) => event.type === 'DeathBenefitPaid')) process.kill(process.pid, 'SIGKILL');
    return result;
  };
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  writeSync(1, `listening ${address.port}\n`);
}

main(process.argv[2]).catch((error: unknown) => {
  writeSync(2, `reactor-kill-child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
