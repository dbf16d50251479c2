import type { IdempotencyClaim, RecordedEvent } from './event-store.port';
import { hashLeaf, logLeafOf, type LogLeaf } from './ledger/log-leaf';
import { MerkleFrontier } from './ledger/merkle-frontier';
import type { LogStorage } from './ledger/stored-transparency-log';

/** The transparency log of {@link InMemoryEventStore}: every leaf and every completed node, in maps. */
export class InMemoryLedgerTree implements LogStorage {
  private readonly frontier = MerkleFrontier.empty();
  private readonly leaves: LogLeaf[] = [];
  private readonly nodes = new Map<string, Buffer>();

  /** Adds the leaves of a committed append; the claim binds to its last event. */
  append(
    events: readonly Pick<RecordedEvent, 'position' | 'streamId' | 'version' | 'hash'>[],
    claim?: IdempotencyClaim,
  ): void {
    events.forEach((event, i) => {
      const leaf = logLeafOf(event, i === events.length - 1 ? claim : undefined);
      this.leaves.push(leaf);
      this.frontier.append(hashLeaf(leaf), (node) => this.nodes.set(`${node.level}/${node.index}`, node.hash));
    });
  }

  leafCount(): number {
    return this.leaves.length;
  }

  leafAt(position: number): LogLeaf {
    const leaf = this.leaves[position - 1];
    if (leaf === undefined) throw new RangeError(`no event at position ${position}`);
    return leaf;
  }

  node(level: number, index: number): Buffer {
    const hash = this.nodes.get(`${level}/${index}`);
    if (hash === undefined) throw new RangeError(`no complete subtree ${level}/${index}`);
    return hash;
  }
}
