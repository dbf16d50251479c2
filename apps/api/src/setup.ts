import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LedgerIntegrity } from '@pks/application';
import type { AppConfig, TokenVerifier } from '@pks/infrastructure';
import type { Logger } from 'pino';
import { TOKEN_VERIFIER } from './access/access.guard';
import { bearerBeforeBody } from './access/bearer-before-body';
import { declareSecurity } from './access/openapi-security';
import { integrityHeader } from './ledger/ledger-integrity.header';
import { answersNotStored } from './http/answers-not-stored';
import { jsonBody } from './http/body-parsing';
import { serveDashboard } from './http/dashboard';
import { answerClientErrors } from './http/client-errors';
import { ProblemFilter } from './http/problem.filter';
import { RouteTable } from './http/route-table';
import { securityHeaders } from './http/security-headers';
import { requestValidationPipe } from './http/validation';
import { requestLogging } from './operations/logging/request-logging';
import { ROOT_LOGGER } from './operations/logging/root-logger';
import { httpMetrics } from './operations/metrics/http-metrics';
import { cheaperAsyncResourceBind } from './operations/process/async-resource-bind';
import { ServiceMetrics } from './operations/metrics/service-metrics';

/** Everything the HTTP app needs besides its module; shared by main.ts and the e2e tests. */
export function configureApp(app: NestExpressApplication, config: AppConfig): NestExpressApplication {
  // Nest's interceptors bind twice a request; Node 20's bind costs 7 µs each (see cheaperAsyncResourceBind).
  cheaperAsyncResourceBind();
  // First, so that every request is logged and timed, also those refused before any route.
  const logger = app.get<Logger>(ROOT_LOGGER);
  app.use(requestLogging(logger));
  app.use(httpMetrics(app.get(ServiceMetrics)));
  app.use(securityHeaders(config));
  // Closed unless configured: without CORS headers a browser lets no other origin read an answer.
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? '*' : [...config.corsOrigins],
      methods: ['GET', 'HEAD', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id'],
      exposedHeaders: ['Retry-After', 'WWW-Authenticate'],
      maxAge: 600,
    });
  }
  // Before anything can answer, so that every answer says what is known of the ledger (a 401 before the body too).
  app.use(integrityHeader(app.get(LedgerIntegrity)));
  if (!serveDashboard(app, config.webRoot)) {
    logger.warn(`no dashboard at / : ${config.webRoot} holds no build (npm run build:web)`);
  }
  // After the dashboard, which keeps its own caching; before any API answer, a 401 too.
  app.set('etag', false);
  app.use(answersNotStored);
  // The route table is known once the document is built below, before the server takes any request.
  const routes: { table?: RouteTable } = {};
  app.use(bearerBeforeBody(app.get<TokenVerifier>(TOKEN_VERIFIER), () => routes.table as RouteTable));
  app.use(jsonBody(config.bodyLimit));
  app.useGlobalPipes(requestValidationPipe());
  app.enableShutdownHooks();
  const server = app.getHttpServer() as Server;
  // Idle keep-alive connections outlive the load balancers' (60 s is common), so that those close them first.
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server);
  const document = declareSecurity(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('pks-ledger')
        .setDescription('Event-sourced ledger of PKS agreements between Pemda and BPJS Ketenagakerjaan (JKK/JKM).')
        .setVersion('0.1.0')
        .addServer('/', 'this service')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .build(),
    ),
  );
  routes.table = new RouteTable(document.paths);
  app.useGlobalFilters(new ProblemFilter(routes.table));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
