import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { AuthConfig } from './auth-config';
import { loadOrCreateSigningKey, SIGNING_ALGORITHM } from './signing-key';
import { identityOf, InvalidTokenError, type TokenIdentity } from './token-identity';

/** Asymmetric algorithms only: a shared secret (HS*) or `none` would let anyone who reads a config sign tokens. */
const ISSUER_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Verified tokens kept (the same bearer sends the same token request after request). */
const CACHE_ENTRIES = 10_000;
/** A cached verification is trusted this long at most, so that a key the issuer withdrew stops working soon. */
const CACHE_MS = 5 * 60_000;

/**
 * Verifies bearer tokens: signature (the embedded key, or the issuer's JWKS), issuer, audience, expiry and the
 * claims of API.md. A token seen before is answered from memory until it expires (verifying a signature costs
 * about a tenth of a millisecond, more than most queries).
 */
export class TokenVerifier {
  private readonly verified = new Map<string, { identity: TokenIdentity; untilMs: number }>();

  private constructor(
    private readonly config: AuthConfig,
    private readonly key: JWTVerifyGetKey,
    private readonly options: JWTVerifyOptions,
  ) {}

  static async create(config: AuthConfig): Promise<TokenVerifier> {
    const options = {
      issuer: config.issuer,
      audience: config.audience,
      clockTolerance: config.clockToleranceSeconds,
      requiredClaims: ['sub', 'exp'],
    };
    if (config.mode === 'oidc') {
      const jwks = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5_000 });
      return new TokenVerifier(config, jwks, { ...options, algorithms: ISSUER_ALGORITHMS });
    }
    const { publicKey } = await loadOrCreateSigningKey(config.keyPath);
    return new TokenVerifier(config, async () => publicKey, { ...options, algorithms: [SIGNING_ALGORITHM] });
  }

  /** @throws InvalidTokenError when the token does not authenticate its bearer. */
  async verify(token: string, nowMs = Date.now()): Promise<TokenIdentity> {
    const cached = this.verified.get(token);
    if (cached !== undefined && nowMs < cached.untilMs) return cached.identity;
    if (cached !== undefined) this.verified.delete(token);
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { ...this.options, currentDate: new Date(nowMs) }));
    } catch (error) {
      throw new InvalidTokenError(reasonOf(error));
    }
    const identity = identityOf(payload, this.config.claims);
    const expiresMs = (payload.exp as number) * 1000 + this.config.clockToleranceSeconds * 1000;
    if (this.verified.size >= CACHE_ENTRIES) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { identity, untilMs: Math.min(expiresMs, nowMs + CACHE_MS) });
    return identity;
  }
}

/** What was wrong, in words a client can act on; jose's own messages may quote claims. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === 'iss' || error.claim === 'aud'
      ? `the token was issued by another issuer or for another audience (${error.claim})`
      : `the token's ${error.claim} claim is not valid now`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm this service refuses';
  if (error instanceof errors.JWKSNoMatchingKey) return "no key of the issuer's JWKS matches the token";
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  const unreachable = error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError);
  return unreachable
    ? "the issuer's keys could not be fetched to verify the token"
    : 'the token is not a well-formed signed JWT';
}
