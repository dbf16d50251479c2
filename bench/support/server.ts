/**
 * The real app as its own process, for the scenarios that load it over HTTP (so that the load generator does
 * not share the server's event loop). Configured by the environment like `npm start` (SQLITE_PATH,
 * SQLITE_SYNCHRONOUS, READ_MODEL_PATH, ...); listens on PORT (0 = a free port) on 127.0.0.1 with Nest's logger
 * off and prints `ready <port>` on stdout once it accepts requests. SIGTERM closes it cleanly.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../apps/api/src/app.module';
import { loadConfig } from '@pks/infrastructure';
import { configureApp } from '../../apps/api/src/setup';

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, PORT: process.env.PORT ?? '0' });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: process.env.BENCH_SERVER_LOG === '1' ? ['error', 'warn'] : false,
  });
  configureApp(app, config);
  await app.listen(config.port, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  process.stdout.write(`ready ${port}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
