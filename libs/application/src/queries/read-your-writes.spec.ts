import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '@pks/event-store/adapters';
import { ApplicationError } from '../application.errors';
import { ReadYourWrites } from './read-your-writes';

/** A read side that has applied the feed up to some position, and one agreement up to some version. */
function readSide(position: number, version: number) {
  const side = {
    position,
    version,
    appliedPosition: () => side.position,
    appliedVersion: () => side.version,
  };
  return side;
}

async function storeWithPayments(count: number) {
  const store = new InMemoryEventStore();
  const events = Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type: 'PremiumPaymentRecorded',
    data: { paymentId: `sp2d-${i}`, amount: 16_800, paidOn: '2025-11-03', reference: `SP2D ${i}` },
    metadata: {
      recordedAt: '2025-11-03T02:00:00.000Z',
      actor: 'finance@pemda',
      commandId: `cmd-${i}`,
      correlationId: `corr-${i}`,
      causationId: `cmd-${i}`,
      schemaVersion: 1,
    },
  }));
  await store.append('agreement-other', 0, events.slice(0, 2));
  const { position } = await store.append('agreement-sbd', 0, events.slice(2));
  return { store, lastPosition: position };
}

describe('read your writes on one agreement', () => {
  it('answers at once when the read side shows the version the store holds, asking the store one question', async () => {
    const { store } = await storeWithPayments(5);
    const readStream = jest.spyOn(store, 'readStream');
    await new ReadYourWrites(50, store).waitForAgreement('sbd', undefined, readSide(0, 3));
    expect(readStream).not.toHaveBeenCalled();
  });

  it("waits until the read side has applied the agreement's latest event, found at the end of its stream", async () => {
    const { store, lastPosition } = await storeWithPayments(5);
    const side = readSide(lastPosition - 1, 2);
    setTimeout(() => (side.position = lastPosition), 30);
    const started = Date.now();
    await new ReadYourWrites(1_000, store).waitForAgreement('sbd', undefined, side);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('refuses with NOT_CAUGHT_UP past the bound, naming the positions, rather than answer from behind', async () => {
    const { store, lastPosition } = await storeWithPayments(5);
    const waiting = new ReadYourWrites(40, store).waitForAgreement('sbd', undefined, readSide(2, 0));
    const refusal: unknown = await waiting.catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApplicationError);
    expect(refusal).toMatchObject({
      code: 'NOT_CAUGHT_UP',
      details: { minPosition: lastPosition, appliedPosition: 2 },
    });
  });

  it('waits for nothing about an agreement the store does not hold', async () => {
    const { store } = await storeWithPayments(5);
    await expect(new ReadYourWrites(10, store).waitForAgreement('none', undefined, readSide(0, 0))).resolves.toBe(
      undefined,
    );
  });

  it('also waits for a minPosition given with the query, beyond the agreement', async () => {
    const { store } = await storeWithPayments(5);
    const waiting = new ReadYourWrites(40, store).waitForAgreement('sbd', 9, readSide(5, 3));
    await expect(waiting).rejects.toMatchObject({ code: 'NOT_CAUGHT_UP', details: { minPosition: 9 } });
  });
});
