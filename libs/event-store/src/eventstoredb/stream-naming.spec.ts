import { StreamNaming } from './stream-naming';
import { LEDGER_CATEGORIES } from './testing/fake-eventstoredb';

describe('StreamNaming', () => {
  const product = new StreamNaming({ feedCategories: LEDGER_CATEGORIES });
  const staging = new StreamNaming({ streamPrefix: 'staging.', feedCategories: LEDGER_CATEGORIES });

  it('maps port stream ids to stream names under the prefix', () => {
    expect(product.streamName('agreement-sbd-2025-pks-01')).toBe('agreement-sbd-2025-pks-01');
    expect(staging.streamName('person-5318014107900001')).toBe('staging.person-5318014107900001');
  });

  it("reserves system stream ids and the adapter's own categories", () => {
    expect(() => product.streamName('$all')).toThrow(/reserved/);
    expect(() => product.streamName('idempotency-abc')).toThrow(/reserved/);
    expect(() => product.streamName('unique-key-abc')).toThrow(/reserved/);
    expect(() => product.streamName('checkpoint-death-spread')).toThrow(/reserved/);
    expect(() => new StreamNaming({ streamPrefix: '$x', feedCategories: LEDGER_CATEGORIES })).toThrow(/\$/);
    expect(() => new StreamNaming({ feedCategories: [] })).toThrow(/at least one/);
  });

  it.each([
    ['agreement-sbd-2025-pks-01', product, 'agreement-sbd-2025-pks-01'],
    ['person-5318014107900001', product, 'person-5318014107900001'],
    ['$stats-127.0.0.1:2113', product, null],
    ['$$agreement-a', product, null],
    ['idempotency-0f3a', product, null],
    ['invoice-7', product, null],
    ['staging.agreement-a', product, null],
    ['staging.agreement-a', staging, 'agreement-a'],
    ['agreement-a', staging, null],
    ['staging.idempotency-0f3a', staging, null],
  ] as const)('puts %s in the feed of its store only', (name, naming, streamId) => {
    expect(naming.feedStreamId(name)).toBe(streamId);
    expect(new RegExp(naming.feedRegex()).test(name)).toBe(streamId !== null);
  });

  it("keeps every stream of the prefix in the feed when told to, except the adapter's own", () => {
    const all = new StreamNaming({ streamPrefix: 'test-1.', feedCategories: [''] });
    expect(all.feedStreamId('test-1.s-1')).toBe('s-1');
    expect(new RegExp(all.feedRegex()).test('test-1.s-1')).toBe(true);
    for (const own of [
      all.idempotencyStream('k'),
      all.uniqueKeyStream('death:7201014107900001'),
      all.checkpointStream('death-spread'),
    ]) {
      expect(all.feedStreamId(own)).toBeNull();
      expect(new RegExp(all.feedRegex()).test(own)).toBe(false);
    }
  });

  it('names reservation and checkpoint streams under the prefix, hashing keys (they may hold a NIK)', () => {
    expect(staging.uniqueKeyStream('death:7201014107900001')).toMatch(/^staging\.unique-key-[0-9a-f]{64}$/);
    expect(staging.checkpointStream('death-spread')).toBe('staging.checkpoint-death-spread');
  });

  it('escapes the prefix in the server-side filter', () => {
    const dotted = new StreamNaming({ streamPrefix: 'a.b (c)+', feedCategories: LEDGER_CATEGORIES });
    expect(new RegExp(dotted.feedRegex()).test('a.b (c)+agreement-x')).toBe(true);
    expect(new RegExp(dotted.feedRegex()).test('aXb (c)+agreement-x')).toBe(false);
  });

  it('names the idempotency stream of a key by its sha-256, under the prefix', () => {
    const name = staging.idempotencyStream('b3f1c2-retry');
    expect(name).toMatch(/^staging\.idempotency-[0-9a-f]{64}$/);
    expect(staging.idempotencyStream('b3f1c2-retry')).toBe(name);
    expect(staging.idempotencyStream('b3f1c2-retrz')).not.toBe(name);
    expect(product.idempotencyStream('k')).toBe(
      'idempotency-8254c329a92850f6d539dd376f4816ee2764517da5e0235514af433164480d7a',
    );
  });
});
