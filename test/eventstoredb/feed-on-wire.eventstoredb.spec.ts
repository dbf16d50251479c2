import { randomUUID } from 'node:crypto';
import { STREAM_PREFIXES } from '@pks/domain';
import { EventStoreDbEventStore } from '@pks/event-store/adapters';
import type { RecordedEvent } from '@pks/event-store';
import { newEvents } from '@pks/event-store/event-store.test-fixtures';
import { WireStandIn } from './wire-stand-in/wire-stand-in';

/**
 * The feed over a real client, on a cluster shared with another ledger: reads of `$all` filtered by the server
 * (or, by a server that cannot, here), and the catch-up subscription.
 */
describe('EventStoreDbFeed through the real client, on the wire stand-in', () => {
  let standIn: WireStandIn;
  let ledger: EventStoreDbEventStore;
  let neighbour: EventStoreDbEventStore;
  beforeEach(async () => {
    standIn = await WireStandIn.start();
    const connectionString = standIn.connectionString();
    ledger = new EventStoreDbEventStore({
      connectionString,
      feedCategories: STREAM_PREFIXES,
      streamPrefix: `ours-${randomUUID()}.`,
    });
    neighbour = new EventStoreDbEventStore({
      connectionString,
      feedCategories: STREAM_PREFIXES,
      streamPrefix: `theirs-${randomUUID()}.`,
    });
  });
  afterEach(async () => {
    await Promise.all([ledger.close(), neighbour.close()]);
    await standIn.close();
  });

  it("resumes after a drop past the other ledger's events the server has searched, losing and repeating nothing", async () => {
    const delivered: RecordedEvent[] = [];
    const drops: number[] = [];
    const feed = ledger.feed({ retryDelaysMs: [10], onDrop: (_error, resumeAfter) => drops.push(resumeAfter) });
    const subscription = feed.subscribeToAll(0, async (events) => void delivered.push(...events));
    const [ours] = (await ledger.append('agreement-a', 0, newEvents(1))).events;
    const theirs = await neighbour.append('agreement-z', 0, newEvents(100));
    await until(() => delivered.length === 1 && standIn.subscriptionsSeen[0].considered >= 100);
    await new Promise((resolve) => setTimeout(resolve, 50));

    standIn.dropSubscriptions();
    await until(() => standIn.subscriptionsSeen.length === 2);
    const [, resubscribed] = standIn.subscriptionsSeen;
    expect(resubscribed.from).toBeGreaterThan(BigInt(ours.position));
    // Within one checkpoint interval (32 records, the default search window) of their last event.
    expect(resubscribed.from).toBeGreaterThanOrEqual(BigInt(theirs.events[100 - 32].position));
    expect(drops).toEqual([Number(resubscribed.from)]);

    const [next] = (await ledger.append('agreement-a', 1, newEvents(1))).events;
    await until(() => delivered.length === 2);
    await subscription.stop();
    expect(delivered.map((e) => e.position)).toEqual([ours.position, next.position]);
    expect(standIn.subscriptionsSeen[1].considered).toBeLessThan(10);
  });
});

describe.each([true, false])('the feed through the real client, the wire stand-in filtering reads: %s', (filters) => {
  it("shows the ledger's events only, in order, with its head, whoever filters", async () => {
    const standIn = await WireStandIn.start({ filteredReads: filters, systemNoiseEvery: 3 });
    const open = (prefix: string) =>
      new EventStoreDbEventStore({
        connectionString: standIn.connectionString(),
        feedCategories: STREAM_PREFIXES,
        streamPrefix: `${prefix}-${randomUUID()}.`,
      });
    const [ledger, neighbour] = [open('ours'), open('theirs')];
    try {
      const appended: RecordedEvent[] = [];
      for (let round = 0; round < 4; round++) {
        appended.push(...(await ledger.append('agreement-a', round * 2, newEvents(2))).events);
        await neighbour.append(`agreement-${round}`, 0, newEvents(40));
      }
      expect(await ledger.headPosition()).toBe(appended[7].position);
      const paged: RecordedEvent[] = [];
      for (let page = await ledger.readAll({ after: 0, limit: 3 }); page.length > 0;) {
        paged.push(...page);
        page = await ledger.readAll({ after: page[page.length - 1].position, limit: 3 });
      }
      expect(paged).toEqual(appended);
      expect(await ledger.readAll({ after: appended[7].position, limit: 3 })).toEqual([]);
      expect(await neighbour.headPosition()).toBeGreaterThan(appended[7].position);
    } finally {
      await Promise.all([ledger.close(), neighbour.close()]);
      await standIn.close();
    }
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not met within 3 s');
}
