import { issueToken, loadOrCreateSigningKey, type AppConfig, type Role, type TokenIdentity } from '@pks/infrastructure';

/** Who a test says it is; regions and branches default to none. */
export interface TestIdentity {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly regions?: readonly string[];
  readonly branches?: readonly string[];
}

/** The subject of the admin token every e2e client sends unless a test chooses another. */
export const E2E_ADMIN: TestIdentity = { sub: 'e2e-admin', roles: ['admin'] };

/** A token of the embedded issuer of the service configured by `config`, as `npm run cli -- token` makes it. */
export async function tokenFor(config: AppConfig, identity: TestIdentity, ttlSeconds = 3_600): Promise<string> {
  if (config.auth.mode !== 'embedded') throw new Error('tests issue tokens of the embedded issuer only');
  const key = await loadOrCreateSigningKey(config.auth.keyPath);
  const full: TokenIdentity = { regions: [], branches: [], ...identity };
  return issueToken(key, full, ttlSeconds);
}
