import { canonicalJson } from '../canonical-json';
import { bindingOf, hashLeaf, leafJson, logLeafOf } from './log-leaf';
import { leafHash } from './merkle-hashes';

describe('a leaf of the log', () => {
  const event = { position: 7, streamId: 'agreement-sbd-2025-pks-01', version: 4, hash: 'ab'.repeat(32) };

  it.each([
    ['an event', logLeafOf(event)],
    [
      'the last event of an append with an Idempotency-Key',
      logLeafOf(event, { key: 'enrol-nelayan-1', requestHash: 'sha256:x' }),
    ],
    ['a stream id that needs escaping', logLeafOf({ ...event, streamId: 'person-"\\\u00e9\u2028' })],
    ['a position past 2^32', logLeafOf({ ...event, position: 2 ** 40 + 3 })],
  ])('is the canonical JSON of %s', (_, leaf) => {
    expect(leafJson(leaf)).toBe(canonicalJson(leaf));
    expect(hashLeaf(leaf)).toEqual(leafHash(canonicalJson(leaf)));
  });

  it('names its position, stream, version and chain hash, and keeps only a hash of the key', () => {
    const claim = { key: 'sp2d-0031', requestHash: 'sha256:payment' };
    const leaf = logLeafOf(event, claim);
    expect(leaf).toEqual({
      position: 7,
      streamId: event.streamId,
      version: 4,
      eventHash: event.hash,
      idempotency: bindingOf(claim),
    });
    expect(JSON.stringify(leaf)).not.toContain('sp2d-0031');
  });

  it('changes when the event moves, or when its idempotency record changes', () => {
    const base = hashLeaf(logLeafOf(event));
    expect(hashLeaf(logLeafOf({ ...event, position: 8 }))).not.toEqual(base);
    expect(hashLeaf(logLeafOf(event, { key: 'k', requestHash: 'sha256:a' }))).not.toEqual(
      hashLeaf(logLeafOf(event, { key: 'k', requestHash: 'sha256:b' })),
    );
  });
});
