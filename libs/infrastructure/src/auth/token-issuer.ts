import { SignJWT } from 'jose';
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER } from './auth-config';
import { SIGNING_ALGORITHM, type SigningKey } from './signing-key';
import type { TokenIdentity } from './token-identity';

/** The longest a token of the embedded issuer may live. */
export const MAX_TOKEN_SECONDS = 366 * 24 * 3_600;

/**
 * A token of the embedded issuer for `identity`, valid for `ttlSeconds` from `nowSeconds` (Unix time). Signed
 * with the key kept beside the data, verified by any service started with the same environment.
 */
export function issueToken(
  key: SigningKey,
  identity: TokenIdentity,
  ttlSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TOKEN_SECONDS) {
    throw new RangeError(`a token lives from 1 second to ${MAX_TOKEN_SECONDS} seconds, not ${ttlSeconds}`);
  }
  return new SignJWT({
    roles: identity.roles,
    ...(identity.regions.length > 0 ? { regions: identity.regions } : {}),
    ...(identity.branches.length > 0 ? { branches: identity.branches } : {}),
  })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(identity.sub)
    .setIssuer(EMBEDDED_ISSUER)
    .setAudience(EMBEDDED_AUDIENCE)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + ttlSeconds)
    .sign(key.privateKey);
}

/** `90s`, `30m`, `8h`, `7d` in seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d{1,6})([smhd])$/.exec(text);
  if (!match) throw new RangeError(`a duration is a number and s, m, h or d (8h, 30m), not "${text}"`);
  return Number(match[1]) * { s: 1, m: 60, h: 3_600, d: 86_400 }[match[2] as 's' | 'm' | 'h' | 'd'];
}
