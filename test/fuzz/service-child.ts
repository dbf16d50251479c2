/**
 * The service under test, in a process of its own, so that a request which blocks the event loop cannot stop the
 * suite's clock: the fuzz driver kills this process and starts another. Reuses the e2e app (real SQLite store in
 * a temp dir). Prints `listening <port> <dir> <admin token>` once the app accepts connections.
 *
 * Usage: node --require ../store-kill/swc-hook.js service-child.ts
 */
import { writeSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { startApp } from '../e2e/support/app';
import { E2E_ADMIN } from '../e2e/support/tokens';
import { FUZZ_METRICS_TOKEN } from './metrics-token';

async function main(): Promise<void> {
  // Hostile input is judged past authentication: every role may send it, and an admin reaches every route.
  const running = await startApp({
    env: { METRICS_TOKEN: FUZZ_METRICS_TOKEN, RATE_LIMIT_COMMANDS: 'off', RATE_LIMIT_LOOKUPS: 'off' },
  });
  const address = running.app.getHttpServer().address() as AddressInfo;
  writeSync(1, `listening ${address.port} ${running.dir} ${await running.token(E2E_ADMIN)}\n`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  writeSync(2, `service did not start: ${String(error)}\n`);
  process.exit(1);
});
