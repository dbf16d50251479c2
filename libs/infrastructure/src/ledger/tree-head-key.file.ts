import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The ledger's tree-head signing key: an Ed25519 private key in a PKCS#8 PEM file of its own (mode 0600), beside
 * the data and never in the event store file, so that whoever can edit the store cannot sign a head for what
 * they wrote. Created on first use; `:memory:` gives a key for the life of the process.
 */
export function loadOrCreateTreeHeadKey(path: string): KeyObject {
  if (path === ':memory:') return generateKeyPairSync('ed25519').privateKey;
  try {
    return readKey(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  try {
    // `wx`: of two processes creating it at once, one writes and the other reads what it wrote.
    writeFileSync(path, pem, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readKey(path);
}

/** The public half, as an SPKI PEM: what auditors keep to check heads. */
export function publicKeyPem(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string;
}

function readKey(path: string): KeyObject {
  const key = createPrivateKey(readFileSync(path, 'utf8'));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path} is not an Ed25519 private key`);
  return key;
}
