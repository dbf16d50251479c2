import { PersistentMap } from './persistent-map';

/** A map of `count` entries k0..k{count-1} -> 0..count-1, added one set() at a time. */
function filled(count: number, from: PersistentMap<string, number> = PersistentMap.empty()) {
  let map = from;
  for (let i = 0; i < count; i++) map = map.set(`k${i}`, i);
  return map;
}

describe('PersistentMap', () => {
  it('starts empty', () => {
    const map = PersistentMap.empty<string, number>();
    expect(map.size).toBe(0);
    expect(map.get('k0')).toBeUndefined();
    expect(map.has('k0')).toBe(false);
    expect([...map.entries()]).toEqual([]);
  });

  it('leaves every older version unchanged when a new one is made (structural sharing)', () => {
    const v1 = PersistentMap.empty<string, string>().set('nik-1', 'petani');
    const v2 = v1.set('nik-2', 'nelayan');
    const v3 = v2.set('nik-1', 'peternak');
    expect([...v1.entries()]).toEqual([['nik-1', 'petani']]);
    expect(v2.get('nik-1')).toBe('petani');
    expect(v2.size).toBe(2);
    expect(v3.get('nik-1')).toBe('peternak');
    expect(new Map(v3.entries())).toEqual(
      new Map([
        ['nik-1', 'peternak'],
        ['nik-2', 'nelayan'],
      ]),
    );
  });

  it('keeps old versions unchanged across many chunks and merges', () => {
    const versions = [PersistentMap.empty<string, number>()];
    for (let i = 0; i < 6_000; i++) versions.push(versions[i].set(`k${i % 4_500}`, i));
    // Version n holds keys k0..k{min(n,4500)-1}; a key rewritten at step i >= 4500 holds i from then on.
    for (const n of [0, 1, 255, 256, 257, 4_096, 4_500, 5_000, 6_000]) {
      const map = versions[n];
      expect(map.size).toBe(Math.min(n, 4_500));
      expect(map.get('k0')).toBe(n > 4_500 ? 4_500 : n > 0 ? 0 : undefined);
      expect(map.get('k600')).toBe(n > 5_100 ? 5_100 : n > 600 ? 600 : undefined);
    }
  });

  it('counts a key once however often it is overwritten', () => {
    const map = PersistentMap.empty<string, number>().set('a', 1).set('a', 2).set('b', 3).set('a', 4);
    expect(map.size).toBe(2);
    expect(map.get('a')).toBe(4);
  });

  it('counts overwrites of keys held in older chunks once', () => {
    const big = filled(1_000);
    const rewritten = big.setMany([
      ['k0', -1],
      ['k999', -2],
      ['new', 7],
      ['new', 8],
    ]);
    expect(rewritten.size).toBe(1_001);
    expect(rewritten.get('k0')).toBe(-1);
    expect(rewritten.get('new')).toBe(8);
    expect([...rewritten.entries()]).toHaveLength(1_001);
    expect(big.get('k0')).toBe(0);
    expect(big.has('new')).toBe(false);
  });

  it('lets a later entry of one setMany win over an earlier one', () => {
    const map = PersistentMap.empty<string, number>().setMany([
      ['x', 1],
      ['y', 2],
      ['x', 3],
    ]);
    expect(map.size).toBe(2);
    expect(map.get('x')).toBe(3);
  });

  it('merges many chunks into one map with every key, newest value kept', () => {
    let map = PersistentMap.empty<string, number>();
    // 40 batches of 300 each open a new chunk, more than the chunks a map keeps before merging.
    for (let batch = 0; batch < 40; batch++) {
      map = map.setMany(Array.from({ length: 300 }, (_, i) => [`k${batch * 300 + i}`, batch] as const));
    }
    map = map.setMany(Array.from({ length: 100 }, (_, i) => [`k${i}`, 99] as const));
    expect(map.size).toBe(12_000);
    const entries = new Map(map.entries());
    expect(entries.size).toBe(12_000);
    expect([...map.values()]).toHaveLength(12_000);
    expect(entries.get('k0')).toBe(99);
    expect(entries.get('k99')).toBe(99);
    expect(entries.get('k100')).toBe(0);
    expect(entries.get('k11999')).toBe(39);
  });
});
