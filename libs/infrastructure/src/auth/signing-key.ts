import { generateKeyPairSync } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, importJWK, type CryptoKey, type JWK } from 'jose';

/** The embedded issuer's Ed25519 key pair, and its key id (the JWK thumbprint of the public key). */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

export const SIGNING_ALGORITHM = 'EdDSA';

/**
 * The embedded signing key at `path`, generated on first use. The file is a private JWK readable by its owner
 * only, created whole or not at all: written aside, then linked into place, so that two processes starting at
 * once (the service and `cli token`) end up with the same key.
 */
export async function loadOrCreateSigningKey(path: string): Promise<SigningKey> {
  let jwk = readKey(path);
  if (jwk === null) {
    createKey(path);
    jwk = readKey(path) as JWK;
  }
  const { d: _private, ...publicJwk } = jwk;
  return {
    kid: await calculateJwkThumbprint(publicJwk),
    privateKey: (await importJWK(jwk, SIGNING_ALGORITHM)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, SIGNING_ALGORITHM)) as CryptoKey,
  };
}

function readKey(path: string): JWK | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const jwk = JSON.parse(text) as JWK;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || typeof jwk.x !== 'string') {
    throw new Error(`${path} holds no Ed25519 private key (AUTH_KEY_PATH)`);
  }
  return jwk;
}

function createKey(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = { ...privateKey.export({ format: 'jwk' }), alg: SIGNING_ALGORITHM, use: 'sig' };
  const aside = `${path}.${process.pid}.new`;
  writeFileSync(aside, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
  }
}
