/**
 * An immutable map that shares structure between versions, so that folding an agreement of 100,000 members
 * does not copy every member for each event. Entries live in a few frozen chunks, newest last; a lookup reads
 * the newest chunk first. A new chunk is merged with the ones before it while they are not much larger (as a
 * binary counter carries), so there are about log2(size) chunks and each entry is copied about log2 times.
 */
/** A single `set` copies the newest chunk while it is smaller than this. */
const SMALL_CHUNK = 64;

export class PersistentMap<K, V> {
  static empty<K, V>(): PersistentMap<K, V> {
    return new PersistentMap<K, V>([], 0);
  }

  private constructor(
    private readonly chunks: readonly ReadonlyMap<K, V>[],
    readonly size: number,
  ) {}

  get(key: K): V | undefined {
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const value = this.chunks[i].get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): PersistentMap<K, V> {
    return this.setMany([[key, value]]);
  }

  /** A new map with the entries added (a later entry for the same key wins). Values must not be undefined. */
  setMany(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    const last = this.chunks[this.chunks.length - 1];
    const reuseLast = last !== undefined && last.size < SMALL_CHUNK;
    const chunk = new Map<K, V>(reuseLast ? last : []);
    let added = 0;
    for (const [key, value] of entries) {
      if (!chunk.has(key) && (reuseLast ? !this.hasBefore(key, 1) : !this.has(key))) added++;
      chunk.set(key, value);
    }
    const chunks = [...(reuseLast ? this.chunks.slice(0, -1) : this.chunks), chunk];
    while (chunks.length > 1 && chunks[chunks.length - 2].size <= 2 * chunks[chunks.length - 1].size) {
      const newer = chunks.pop() as ReadonlyMap<K, V>;
      chunks.push(merge([chunks.pop() as ReadonlyMap<K, V>, newer]));
    }
    return new PersistentMap(chunks, this.size + added);
  }

  *entries(): IterableIterator<[K, V]> {
    const seen = new Set<K>();
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      for (const [key, value] of this.chunks[i]) {
        if (this.chunks.length > 1) {
          if (seen.has(key)) continue;
          seen.add(key);
        }
        yield [key, value];
      }
    }
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  /** Whether the key is in any chunk but the last `skipNewest`. */
  private hasBefore(key: K, skipNewest: number): boolean {
    for (let i = this.chunks.length - 1 - skipNewest; i >= 0; i--) if (this.chunks[i].has(key)) return true;
    return false;
  }
}

function merge<K, V>(chunks: readonly ReadonlyMap<K, V>[]): ReadonlyMap<K, V> {
  const merged = new Map<K, V>();
  for (const chunk of chunks) for (const [key, value] of chunk) merged.set(key, value);
  return merged;
}
