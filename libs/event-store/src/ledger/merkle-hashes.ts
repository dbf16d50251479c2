import { createHash } from 'node:crypto';

/**
 * The hashes of RFC 9162 (Certificate Transparency v2), section 2.1.1, with SHA-256: a leaf is hashed with the
 * prefix 0x00 and an interior node with 0x01, so that no leaf can be passed off as a node (second preimage).
 * Hashes are raw 32-byte buffers here and lowercase hex on the wire, like the chain hashes.
 */

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export const HASH_BYTES = 32;

/** MTH({d}) = SHA-256(0x00 || d). */
export function leafHash(data: string | Buffer): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** The hash of an interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH({}) = SHA-256() : the root of an empty tree. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** The largest power of two smaller than n (n > 1): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new Error(`a tree of ${n} leaves has no split point`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// Tree sizes are positions (up to 2^53), beyond the 32 bits of JavaScript's bitwise operators: plain arithmetic.
export function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

export function isOdd(n: number): boolean {
  return n % 2 === 1;
}

export function half(n: number): number {
  return Math.floor(n / 2);
}

export function toHex(hash: Buffer): string {
  return hash.toString('hex');
}

/** @throws Error unless `hex` is a 32-byte hash in lowercase hex. */
export function fromHex(hex: string, what = 'hash'): Buffer {
  if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/.test(hex))
    throw new Error(`${what} must be 64 lowercase hex digits`);
  return Buffer.from(hex, 'hex');
}
