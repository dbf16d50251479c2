/** An iterator one can look ahead in by one item: for merging ordered streams of records. */
export class Peekable<T> {
  private readonly items: Iterator<T>;
  private head: IteratorResult<T>;

  constructor(items: Iterable<T>) {
    this.items = items[Symbol.iterator]();
    this.head = this.items.next();
  }

  peek(): T | undefined {
    return this.head.done ? undefined : this.head.value;
  }

  take(): T | undefined {
    const value = this.peek();
    if (!this.head.done) this.head = this.items.next();
    return value;
  }

  /** Takes the items for which `belongs` holds, from the front, and stops at the first that does not. */
  takeWhile(belongs: (item: T) => boolean): T[] {
    const taken: T[] = [];
    for (let next = this.peek(); next !== undefined && belongs(next); next = this.peek()) taken.push(this.take() as T);
    return taken;
  }

  close(): void {
    this.items.return?.();
  }
}
