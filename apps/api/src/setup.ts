import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from './config';
import { ProblemFilter } from './http/problem.filter';
import { requestValidationPipe } from './http/validation';

/** Everything the HTTP app needs besides its module; shared by main.ts and the e2e tests. */
export function configureApp(app: NestExpressApplication, config: AppConfig): NestExpressApplication {
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  // Idle keep-alive connections outlive the load balancers' (60 s is common), so that those close them first.
  (app.getHttpServer() as import('node:http').Server).keepAliveTimeout = 65_000;
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('pks-ledger')
      .setDescription('Event-sourced ledger of PKS agreements between Pemda and BPJS Ketenagakerjaan (JKK/JKM).')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
