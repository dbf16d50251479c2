import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
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
export async function tokenFor(
  config: AppConfig,
  identity: TestIdentity,
  ttlSeconds = 3_600,
  nowSeconds?: number,
): Promise<string> {
  if (config.auth.mode !== 'embedded') throw new Error('tests issue tokens of the embedded issuer only');
  const key = await loadOrCreateSigningKey(config.auth.keyPath);
  const full: TokenIdentity = { regions: [], branches: [], ...identity };
  return issueToken(key, full, ttlSeconds, nowSeconds);
}

/**
 * Tokens the service must refuse, each for an admin: expired an hour ago, signed by another ledger's key (same
 * claims, another key), issued by another issuer, not a JWT at all.
 */
export async function refusedTokens(config: AppConfig): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'pks-other-issuer-'));
  try {
    const otherKey = await loadOrCreateSigningKey(join(dir, 'key.json'));
    const hourAgo = Math.floor(Date.now() / 1000) - 3_600;
    return {
      expired: await tokenFor(config, E2E_ADMIN, 600, hourAgo),
      'another ledger': await issueToken(otherKey, { ...E2E_ADMIN, regions: [], branches: [] }, 3_600),
      'another issuer': await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setSubject('e2e-admin')
        .setIssuer('https://sso.example.org/realms/other')
        .setAudience('pks-ledger')
        .setExpirationTime('1h')
        .sign(otherKey.privateKey),
      malformed: 'not.a.token',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
