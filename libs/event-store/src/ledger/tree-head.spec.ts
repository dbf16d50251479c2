import { generateKeyPairSync } from 'node:crypto';
import { isSignedBy, keyIdOf, parseSignedTreeHead, signTreeHead } from './tree-head';

describe('a signed tree head', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const head = { treeSize: 1_052_794, rootHash: 'ab'.repeat(32), timestamp: '2025-11-13T03:00:00.000Z' };
  const signed = signTreeHead(head, privateKey);

  it('names the key that signed it and verifies with its public half, its private half or its PEM', () => {
    expect(signed).toMatchObject({ ...head, algorithm: 'Ed25519', keyId: keyIdOf(publicKey) });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect([isSignedBy(signed, publicKey), isSignedBy(signed, privateKey), isSignedBy(signed, pem)]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it.each([
    ['a smaller tree size', { treeSize: 1_052_793 }],
    ['another root', { rootHash: 'cd'.repeat(32) }],
    ['another timestamp', { timestamp: '2025-11-14T03:00:00.000Z' }],
    ['another signature', { signature: signTreeHead({ ...head, treeSize: 1 }, privateKey).signature }],
  ])('does not verify with %s', (_, change) => {
    expect(isSignedBy({ ...signed, ...change }, publicKey)).toBe(false);
  });

  it('does not verify with another key, even one claiming the same key id', () => {
    const other = generateKeyPairSync('ed25519');
    expect(isSignedBy(signed, other.publicKey)).toBe(false);
    expect(isSignedBy(signTreeHead(head, other.privateKey), publicKey)).toBe(false);
  });

  it('is read back from JSON, and a record that is not a head is refused naming the field', () => {
    expect(parseSignedTreeHead(JSON.parse(JSON.stringify(signed)))).toEqual(signed);
    expect(() => parseSignedTreeHead({ ...signed, rootHash: 'xyz' })).toThrow(/rootHash/);
    expect(() => parseSignedTreeHead({ ...signed, treeSize: -1 })).toThrow(/treeSize/);
    expect(() => parseSignedTreeHead(null)).toThrow(/not an object/);
  });
});
