/**
 * Least-recently-used cache of folded stream states. Entries are immutable states at a version; a reader
 * brings one up to date by folding only the events after it, so a command on an agreement of 100,000 members
 * does not re-read the agreement from scratch. Correct with concurrent writers: the store's expected-version
 * check, not the cache, decides who appends.
 */
export class StateCache<S> {
  private readonly entries = new Map<string, { version: number; state: S }>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): { version: number; state: S } | undefined {
    const entry = this.entries.get(streamId);
    if (entry !== undefined) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  /** Keeps the newer of the cached and the offered state. */
  offer(streamId: string, version: number, state: S): void {
    const current = this.entries.get(streamId);
    if (current !== undefined && current.version >= version) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, { version, state });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
