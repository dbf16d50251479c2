import { createHash } from 'node:crypto';
import { UnavailableError } from '@eventstore/db-client';
import { IdempotencyKeyTakenError, WrongExpectedVersionError } from '../event-store.errors';
import { newEvents } from '../event-store.test-fixtures';
import { EventStoreDbUnavailableError, IdempotencyKeyBusyError } from './error-mapping';
import { EventStoreDbEventStore } from './eventstoredb.event-store';
import { FakeEventStoreDb, LEDGER_CATEGORIES } from './testing/fake-eventstoredb';

/** The crash windows of the two-write idempotency protocol (idempotency-claims.ts), one by one. */
describe('EventStoreDbEventStore idempotency across crashes and races', () => {
  const key = { key: 'retry-7', requestHash: 'sha256:first' };
  const unavailable = () => new UnavailableError(undefined, '14 UNAVAILABLE: Connection dropped');
  let fake: FakeEventStoreDb;
  let store: EventStoreDbEventStore;
  beforeEach(async () => {
    fake = new FakeEventStoreDb();
    store = new EventStoreDbEventStore(
      { connectionString: 'esdb://model', feedCategories: LEDGER_CATEGORIES },
      fake.client,
    );
    await store.append('agreement-a', 0, newEvents(1));
  });
  afterEach(() => store.close());
  const failNextAppendTo = (stream: string, when: 'before-write' | 'after-write') =>
    fake.failures.push({ stream: (name) => name === stream, when, error: unavailable() });

  it('writes the claim before the events, and the events carry the key', async () => {
    await store.append('agreement-a', 1, newEvents(2), { idempotency: key });
    const [claim, ...events] = fake.log.filter(
      (r) => r.streamName.startsWith('idempotency-') || (r.streamName === 'agreement-a' && r.revision > 0n),
    );
    expect(claim.streamName).toBe(`idempotency-${createHash('sha256').update('retry-7').digest('hex')}`);
    expect(JSON.parse(claim.data)).toMatchObject({
      streamId: 'agreement-a',
      expectedVersion: 1,
      eventCount: 2,
      firstEventId: events[0].id,
    });
    expect(events.map((e) => JSON.parse(e.metadata ?? '{}').ledger.idempotencyKey)).toEqual(['retry-7', 'retry-7']);
  });

  it('crash after the claim, before the append: the key is not recorded, and a retry takes over the claim', async () => {
    failNextAppendTo('agreement-a', 'before-write');
    await expect(store.append('agreement-a', 1, newEvents(1), { idempotency: key })).rejects.toBeInstanceOf(
      EventStoreDbUnavailableError,
    );
    expect(await store.findIdempotencyRecord('retry-7')).toBeNull();
    const retried = await store.append('agreement-a', 1, newEvents(1), { idempotency: key });
    expect(await store.findIdempotencyRecord('retry-7')).toEqual({
      ...key,
      streamId: 'agreement-a',
      fromVersion: 2,
      toVersion: 2,
      position: retried.position,
    });
  });

  it('crash after the append, before the answer: the key is recorded and a retry is told so', async () => {
    failNextAppendTo('agreement-a', 'after-write');
    await expect(store.append('agreement-a', 1, newEvents(2), { idempotency: key })).rejects.toBeInstanceOf(
      EventStoreDbUnavailableError,
    );
    const record = await store.findIdempotencyRecord('retry-7');
    expect(record).toMatchObject({ streamId: 'agreement-a', fromVersion: 2, toVersion: 3 });
    expect(record?.position).toBe((await store.readStream('agreement-a', { fromVersion: 3 }))[0].position);
    await expect(store.append('agreement-a', 1, newEvents(2), { idempotency: key })).rejects.toBeInstanceOf(
      IdempotencyKeyTakenError,
    );
    await expect(store.append('agreement-a', 3, newEvents(1), { idempotency: key })).rejects.toBeInstanceOf(
      IdempotencyKeyTakenError,
    );
  });

  it('an unresolved claim blocks the key on other streams until its stream moves', async () => {
    failNextAppendTo('agreement-a', 'before-write');
    await expect(store.append('agreement-a', 1, newEvents(1), { idempotency: key })).rejects.toThrow();
    await expect(store.append('agreement-b', 0, newEvents(1), { idempotency: key })).rejects.toBeInstanceOf(
      IdempotencyKeyBusyError,
    );
    await store.append('agreement-a', 1, newEvents(1)); // anyone's append settles the claim: it can no longer commit
    await store.append('agreement-b', 0, newEvents(1), { idempotency: key });
    expect(await store.findIdempotencyRecord('retry-7')).toMatchObject({ streamId: 'agreement-b', fromVersion: 1 });
  });

  it('a claim whose append lost the race does not record the key', async () => {
    const other = new EventStoreDbEventStore(
      { connectionString: 'esdb://model', feedCategories: LEDGER_CATEGORIES },
      fake.client,
    );
    fake.beforeAppend = async (name) => {
      if (name !== 'agreement-a') return;
      fake.beforeAppend = null;
      await other.append('agreement-a', 1, newEvents(1));
    };
    await expect(store.append('agreement-a', 1, newEvents(1), { idempotency: key })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(await store.findIdempotencyRecord('retry-7')).toBeNull();
  });

  it.each([1, 2])(
    'of two concurrent appends with one key, one wins and the other learns the key is taken (run %i)',
    async () => {
      const second = new EventStoreDbEventStore(
        { connectionString: 'esdb://model', feedCategories: LEDGER_CATEGORIES },
        fake.client,
      );
      const outcomes = await Promise.allSettled([
        store.append('agreement-a', 1, newEvents(1), { idempotency: key }),
        second.append('agreement-a', 1, newEvents(1), { idempotency: key }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const [lost] = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(lost).toBeInstanceOf(IdempotencyKeyTakenError);
      expect(await store.streamVersion('agreement-a')).toBe(2);
      expect(await store.findIdempotencyRecord('retry-7')).toMatchObject({ fromVersion: 2, toVersion: 2 });
    },
  );

  it('never shows claims in the feed', async () => {
    await store.append('agreement-a', 1, newEvents(1), { idempotency: key });
    const feed = await store.readAll({ after: 0, limit: 100 });
    expect(feed.map((e) => e.streamId)).toEqual(['agreement-a', 'agreement-a']);
  });
});
