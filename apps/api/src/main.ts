import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadConfig } from '@pks/infrastructure';
import { limitHeapGrowth } from './operations/process/heap-growth';
import { configureApp } from './setup';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  limitHeapGrowth(config.heapGrowingPercent);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  configureApp(app, config);
  await app.listen(config.port, config.host);
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.log(
    `pks-ledger listening on ${config.host}:${config.port} (event store: ${config.eventStore}, tokens: ${config.auth.mode}); ` +
      `dashboard ${base}/ · API documentation ${base}/docs`,
    'Bootstrap',
  );
}

void bootstrap();
