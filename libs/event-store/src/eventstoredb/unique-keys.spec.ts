import { createHash } from 'node:crypto';
import { UnavailableError } from '@eventstore/db-client';
import { UniqueKeyTakenError, WrongExpectedVersionError } from '../event-store.errors';
import { CONTRACT_INDEXER, newEvent, newEvents } from '../event-store.test-fixtures';
import { EventStoreDbUnavailableError } from './error-mapping';
import { EventStoreDbEventStore } from './eventstoredb.event-store';
import { FakeEventStoreDb } from './testing/fake-eventstoredb';
import { UniqueKeyBusyError } from './unique-key-ledger';

/**
 * The crash windows and races of unique-key reservations (unique-key-reservations.ts), one by one: two app
 * instances (two stores on one server) paying the death benefit of one NIK at two agreements.
 */
describe('EventStoreDbEventStore unique keys across instances, crashes and races', () => {
  const death = (nik = '7201014107900001') => newEvent('DeathBenefitPaid', { uniqueKeys: [`death:${nik}`] });
  const reservationStream = `unique-key-${createHash('sha256').update('death:7201014107900001').digest('hex')}`;
  let fake: FakeEventStoreDb;
  let province: EventStoreDbEventStore;
  let regency: EventStoreDbEventStore;
  const instance = () =>
    new EventStoreDbEventStore(
      {
        connectionString: 'esdb://model',
        feedCategories: ['agreement-'],
        indexer: CONTRACT_INDEXER,
        reservationWaitsMs: [5, 10, 20],
      },
      fake.client,
    );
  beforeEach(async () => {
    fake = new FakeEventStoreDb();
    province = instance();
    regency = instance();
    await province.append('agreement-sulteng', 0, newEvents(1));
    await regency.append('agreement-palu', 0, newEvents(2));
  });
  afterEach(async () => {
    await province.close();
    await regency.close();
  });
  const failNextAppendTo = (stream: string, when: 'before-write' | 'after-write') =>
    fake.failures.push({
      stream: (name) => name === stream,
      when,
      error: new UnavailableError(undefined, '14 UNAVAILABLE: Connection dropped'),
    });

  it('reserves the key in its own stream before the append, naming the slot and the holder', async () => {
    const benefit = death();
    await province.append('agreement-sulteng', 1, [newEvent(), benefit]);
    const [reservation] = fake.log.filter((r) => r.streamName.startsWith('unique-key-'));
    expect(reservation.streamName).toBe(reservationStream);
    expect(JSON.parse(reservation.data)).toEqual({
      key: 'death:7201014107900001',
      streamId: 'agreement-sulteng',
      expectedVersion: 1,
      firstEventId: expect.any(String),
      holderVersion: 3,
    });
    const slot = fake.log.find((r) => r.streamName === 'agreement-sulteng' && r.revision === 1n);
    expect(JSON.parse(reservation.data).firstEventId).toBe(slot?.id);
    expect(fake.log.indexOf(reservation)).toBeLessThan(fake.log.indexOf(slot!));
  });

  it('refuses the key to another instance once committed, naming the holder', async () => {
    const paid = await province.append('agreement-sulteng', 1, [death()]);
    const attempt = regency.append('agreement-palu', 2, [death()]);
    await expect(attempt).rejects.toBeInstanceOf(UniqueKeyTakenError);
    await expect(attempt).rejects.toMatchObject({
      key: 'death:7201014107900001',
      holder: { streamId: 'agreement-sulteng', version: 2, position: paid.position },
    });
    expect(await regency.streamVersion('agreement-palu')).toBe(2);
  });

  it.each([1, 2, 3])('lets exactly one of two instances racing for the key take it (run %i)', async () => {
    const outcomes = await Promise.allSettled([
      province.append('agreement-sulteng', 1, [death()]),
      regency.append('agreement-palu', 2, [death()]),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [lost] = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(lost).toBeInstanceOf(UniqueKeyTakenError);
    expect((await province.streamVersion('agreement-sulteng')) + (await province.streamVersion('agreement-palu'))).toBe(
      4,
    );
    expect(await province.lookup(['death:7201014107900001'])).toHaveLength(1);
  });

  it('crash after the reservation, before the append: the key is not held, and the same slot takes over', async () => {
    failNextAppendTo('agreement-sulteng', 'before-write');
    await expect(province.append('agreement-sulteng', 1, [death()])).rejects.toBeInstanceOf(
      EventStoreDbUnavailableError,
    );
    expect(await province.lookup(['death:7201014107900001'])).toEqual([]);
    const retried = await province.append('agreement-sulteng', 1, [death()]);
    expect(await regency.lookup(['death:7201014107900001'])).toEqual([
      { key: 'death:7201014107900001', streamId: 'agreement-sulteng', version: 2, position: retried.position },
    ]);
  });

  it('an unresolved reservation keeps the key from other slots until its stream moves', async () => {
    failNextAppendTo('agreement-sulteng', 'before-write');
    await expect(province.append('agreement-sulteng', 1, [death()])).rejects.toThrow();
    const busy = regency.append('agreement-palu', 2, [death()]);
    await expect(busy).rejects.toBeInstanceOf(UniqueKeyBusyError);
    await expect(busy).rejects.toMatchObject({ key: 'death:7201014107900001', reservedStreamId: 'agreement-sulteng' });
    expect(await regency.streamVersion('agreement-palu')).toBe(2);
    await province.append('agreement-sulteng', 1, newEvents(1)); // any append settles it: it can no longer commit
    await regency.append('agreement-palu', 2, [death()]);
    expect(await province.lookup(['death:7201014107900001'])).toMatchObject([{ streamId: 'agreement-palu' }]);
  });

  it('crash after the append, before the answer: the key is held and a retry is refused', async () => {
    failNextAppendTo('agreement-sulteng', 'after-write');
    await expect(province.append('agreement-sulteng', 1, [death()])).rejects.toBeInstanceOf(
      EventStoreDbUnavailableError,
    );
    await expect(province.append('agreement-sulteng', 2, [death()])).rejects.toBeInstanceOf(UniqueKeyTakenError);
    await expect(regency.append('agreement-palu', 2, [death()])).rejects.toMatchObject({
      holder: { streamId: 'agreement-sulteng', version: 2 },
    });
  });

  it('waits for a rival in flight and learns that it committed', async () => {
    fake.beforeAppend = async (name) => {
      if (name !== 'agreement-sulteng') return;
      fake.beforeAppend = null;
      await new Promise((resolve) => setTimeout(resolve, 15)); // the province's append is slow to land
    };
    const slow = province.append('agreement-sulteng', 1, [death()]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(regency.append('agreement-palu', 2, [death()])).rejects.toBeInstanceOf(UniqueKeyTakenError);
    await expect(slow).resolves.toMatchObject({ version: 2 });
  });

  it('a reservation whose append lost its race frees the key at once', async () => {
    fake.beforeAppend = async (name) => {
      if (name !== 'agreement-sulteng') return;
      fake.beforeAppend = null;
      await regency.append('agreement-sulteng', 1, newEvents(1));
    };
    await expect(province.append('agreement-sulteng', 1, [death()])).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await regency.append('agreement-palu', 2, [death()]);
    expect(await province.lookup(['death:7201014107900001'])).toMatchObject([{ streamId: 'agreement-palu' }]);
  });

  it('writes nothing for other keys: enrolments are not reserved', async () => {
    await province.append('agreement-sulteng', 1, [newEvent('Enrolled', { keys: ['member:1'] })]);
    expect(fake.log.filter((r) => r.streamName.startsWith('unique-key-'))).toEqual([]);
  });
});
