import { StateCache } from './state-cache';

describe('the cache of folded agreement states', () => {
  it('keeps the newer state of a stream and never goes back to an older one', () => {
    const cache = new StateCache<string>(10);
    cache.offer('agreement-a', 3, 'v3');
    cache.offer('agreement-a', 2, 'v2');
    expect(cache.get('agreement-a')).toEqual({ version: 3, state: 'v3', weight: 1 });
  });

  it('evicts the least recently used agreements when their members exceed the capacity', () => {
    const cache = new StateCache<string>(100_001);
    cache.offer('agreement-small', 1, 'small', 501);
    cache.offer('agreement-sulteng', 21, 'sulteng', 100_403);
    expect(cache.get('agreement-small')).toBeUndefined();
    expect(cache.get('agreement-sulteng')?.version).toBe(21);
  });

  it('keeps a recently read agreement over one read before it', () => {
    const cache = new StateCache<string>(3);
    cache.offer('agreement-a', 1, 'a');
    cache.offer('agreement-b', 1, 'b');
    cache.get('agreement-a');
    cache.offer('agreement-c', 1, 'c', 2);
    expect([cache.get('agreement-a')?.state, cache.get('agreement-b')?.state, cache.get('agreement-c')?.state]).toEqual(
      ['a', undefined, 'c'],
    );
  });
});
