/**
 * The real app as its own process, for the scenarios that load it over HTTP (so that the load generator does
 * not share the server's event loop): the build `npm start` runs (dist/, made by server-process.ts before it
 * spawns this), not the TypeScript sources compiled on the fly, which cost the process about 100 MB more and
 * are not what a deployment runs. Configured by the environment like `npm start` (SQLITE_PATH,
 * SQLITE_SYNCHRONOUS, READ_MODEL_PATH, ...); listens on PORT (0 = a free port) on 127.0.0.1 with Nest's logger
 * off and prints `ready <port>` on stdout once it accepts requests. SIGTERM closes it cleanly.
 */
require('reflect-metadata');
const { join } = require('node:path');
const { NestFactory } = require('@nestjs/core');

const built = join(__dirname, '..', '..', 'dist', 'apps', 'api');
const { AppModule } = require(join(built, 'apps', 'api', 'src', 'app.module'));
const { configureApp } = require(join(built, 'apps', 'api', 'src', 'setup'));
const { loadConfig } = require(join(built, 'libs', 'infrastructure', 'src'));
const { limitHeapGrowth } = require(join(built, 'apps', 'api', 'src', 'operations', 'process', 'heap-growth'));

async function main() {
  const config = loadConfig({ ...process.env, PORT: process.env.PORT ?? '0' });
  limitHeapGrowth(config.heapGrowingPercent);
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bodyParser: false,
    logger: process.env.BENCH_SERVER_LOG === '1' ? ['error', 'warn'] : false,
  });
  configureApp(app, config);
  await app.listen(config.port, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  process.stdout.write(`ready ${port}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
