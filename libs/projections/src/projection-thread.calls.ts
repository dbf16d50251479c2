/** The service's calls to the projection thread waiting for their answer, by id. */
export class ProjectionThreadCalls {
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private next = 1;

  get size(): number {
    return this.waiting.size;
  }

  /** A new call: its id (to send) and the promise its answer settles. */
  add(): { id: number; answer: Promise<void> } {
    const id = this.next++;
    const answer = new Promise<void>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    return { id, answer };
  }

  answered(id: number, error: string | null): void {
    const call = this.waiting.get(id);
    this.waiting.delete(id);
    if (error === null) call?.resolve();
    else call?.reject(new Error(error));
  }

  /** The thread stopped: no call waiting will be answered. */
  failAll(message: string): void {
    for (const call of this.waiting.values()) call.reject(new Error(message));
    this.waiting.clear();
  }
}
