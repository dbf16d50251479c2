import type { AddressInfo } from 'node:net';
import { startApp, type Http, type RunningApp } from '../../e2e/support/app';
import { seedRegions } from '../../e2e/support/regions';

/**
 * The service on the e2e suites' known ledger of several Pemda (test/e2e/support/regions.ts), on a free port.
 * With an OIDC issuer (`env`), the ledger is written and read with `adminToken`, a token of that issuer.
 */
export async function dashboardServer(options: { env?: Record<string, string>; adminToken?: string } = {}): Promise<{
  running: RunningApp;
  base: string;
  api<T = any>(path: string): Promise<T>;
}> {
  const running = await startApp({ env: options.env });
  const admin: Http = options.adminToken === undefined ? running.http : running.as(options.adminToken);
  await seedRegions(admin);
  const head = (await admin.get('/health').expect(200)).body.headPosition as number;
  // The page reads the read models: let them apply the whole ledger first.
  await admin.get(`/agreements?minPosition=${head}`).expect(200);
  const { port } = running.app.getHttpServer().address() as AddressInfo;
  return {
    running,
    base: `http://127.0.0.1:${port}`,
    api: async (path: string) => (await admin.get(path).expect(200)).body,
  };
}

/** A JWT-shaped bearer token with these claims and a signature of nobody's: one the service refuses (401). */
export function bearerToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}
