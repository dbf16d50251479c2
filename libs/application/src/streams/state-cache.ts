/**
 * Least-recently-used cache of folded stream states, bounded by weight (for agreements: their members), so that
 * a thousand small agreements fit as well as a few of 100,000 members. Entries are immutable states at a version;
 * a reader brings one up to date by folding only the events after it, so a command on an agreement of 100,000
 * members does not re-read the agreement from scratch. Correct with concurrent writers: the store's
 * expected-version check, not the cache, decides who appends.
 */
export class StateCache<S> {
  private readonly entries = new Map<string, { version: number; state: S; weight: number }>();
  private weight = 0;

  constructor(private readonly capacity: number) {}

  get(streamId: string): { version: number; state: S } | undefined {
    const entry = this.entries.get(streamId);
    if (entry !== undefined) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  /** The entry, without counting it as used. */
  peek(streamId: string): { version: number; state: S } | undefined {
    return this.entries.get(streamId);
  }

  /** Keeps the newer of the cached and the offered state. */
  offer(streamId: string, version: number, state: S, weight = 1): void {
    const current = this.entries.get(streamId);
    if (current !== undefined && current.version >= version) return;
    if (current !== undefined) this.weight -= current.weight;
    this.entries.delete(streamId);
    this.entries.set(streamId, { version, state, weight });
    this.weight += weight;
    for (const [id, oldest] of this.entries) {
      if (this.weight <= this.capacity || id === streamId) break;
      this.entries.delete(id);
      this.weight -= oldest.weight;
    }
  }
}
