import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../canonical-json';

/** What a tree head states: the log held `treeSize` events, whose Merkle root was `rootHash`, at `timestamp`. */
export interface TreeHead {
  readonly treeSize: number;
  /** MTH of the first `treeSize` leaves, hex. */
  readonly rootHash: string;
  /** UTC instant (ISO-8601) of the signature. */
  readonly timestamp: string;
}

/** A tree head signed by the ledger's key (RFC 9162 section 4.10, with Ed25519 and a JSON encoding). */
export interface SignedTreeHead extends TreeHead {
  readonly algorithm: 'Ed25519';
  /** sha-256 (hex) of the signing key's public key (SPKI DER): names the key that signed. */
  readonly keyId: string;
  /** Ed25519 signature (base64) of {@link signedBytes}. */
  readonly signature: string;
}

/** Domain separation: these bytes can never be mistaken for another message signed by the same key. */
const CONTEXT = 'pks-ledger signed tree head v1\n';

export function signedBytes(head: TreeHead, keyId: string): Buffer {
  const { treeSize, rootHash, timestamp } = head;
  return Buffer.from(CONTEXT + canonicalJson({ keyId, rootHash, timestamp, treeSize }), 'utf8');
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function signTreeHead(head: TreeHead, privateKey: KeyObject): SignedTreeHead {
  const keyId = keyIdOf(createPublicKey(privateKey));
  const { treeSize, rootHash, timestamp } = head;
  const signature = sign(null, signedBytes(head, keyId), privateKey).toString('base64');
  return { treeSize, rootHash, timestamp, algorithm: 'Ed25519', keyId, signature };
}

/** Whether `head` was signed by the key (a KeyObject, public or private, or an SPKI PEM), as it reads. Never throws. */
export function isSignedBy(head: SignedTreeHead, publicKey: KeyObject | string): boolean {
  try {
    const key = typeof publicKey !== 'string' && publicKey.type === 'public' ? publicKey : createPublicKey(publicKey);
    if (head.algorithm !== 'Ed25519' || head.keyId !== keyIdOf(key)) return false;
    return verify(null, signedBytes(head, head.keyId), key, Buffer.from(head.signature, 'base64'));
  } catch {
    return false;
  }
}

/** @throws Error naming the first field of `value` that is not a signed tree head's. */
export function parseSignedTreeHead(value: unknown): SignedTreeHead {
  const head = value as Record<string, unknown> | null;
  const fail = (field: string) => {
    throw new Error(`not a signed tree head: ${field}`);
  };
  if (head === null || typeof head !== 'object') return fail('not an object');
  if (!Number.isSafeInteger(head.treeSize) || (head.treeSize as number) < 0) fail('treeSize');
  if (typeof head.rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(head.rootHash)) fail('rootHash');
  if (typeof head.timestamp !== 'string') fail('timestamp');
  if (head.algorithm !== 'Ed25519') fail('algorithm');
  if (typeof head.keyId !== 'string' || !/^[0-9a-f]{64}$/.test(head.keyId)) fail('keyId');
  if (typeof head.signature !== 'string') fail('signature');
  const { treeSize, rootHash, timestamp, algorithm, keyId, signature } = head as unknown as SignedTreeHead;
  return { treeSize, rootHash, timestamp, algorithm, keyId, signature };
}
