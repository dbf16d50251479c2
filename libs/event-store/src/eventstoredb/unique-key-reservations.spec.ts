import type { RecordedEvent as StoredEvent } from '@eventstore/db-client';
import {
  decodeReservation,
  holderOf,
  judgeReservation,
  reservationEventData,
  type KeyReservation,
} from './unique-key-reservations';

const reservation: KeyReservation = {
  key: 'death:7201014107900001',
  streamId: 'agreement-sulteng',
  expectedVersion: 3,
  firstEventId: 'e-1',
  holderVersion: 5,
};

describe('unique-key reservations', () => {
  it.each([
    ['its first event sits in the slot', 5, { id: 'e-1' }, 'committed'],
    ['another event took the slot', 4, { id: 'e-9' }, 'dead'],
    ['the slot is free and the stream still at the expected version', 3, null, 'pending'],
    ['the stream is below the expected version', 2, null, 'dead'],
  ] as const)('is %s: %s', (_label, streamVersion, slotEvent, status) => {
    expect(judgeReservation(reservation, { streamVersion, slotEvent })).toBe(status);
  });

  it('stands for the event that holds the key, which need not be the first of the append', () => {
    expect(holderOf(reservation, 81_920)).toEqual({
      key: 'death:7201014107900001',
      streamId: 'agreement-sulteng',
      version: 5,
      position: 81_920,
    });
  });

  const stored = (patch: object) =>
    ({
      type: 'UniqueKeyReserved',
      data: reservation,
      revision: 2n,
      streamId: 'unique-key-x',
      ...patch,
    }) as unknown as StoredEvent;

  it('round-trips through its event, keeping only the reservation fields', () => {
    const data = reservationEventData(reservation);
    expect(decodeReservation(stored({ data: { ...(data.data as object), extra: 1 } }), reservation.key)).toEqual(
      reservation,
    );
    expect(reservationEventData(reservation).id).not.toBe(data.id);
  });

  it.each([
    ['another type', { type: 'Other' }],
    ['another key (a hash collision or a misplaced event)', { data: { ...reservation, key: 'death:1' } }],
    ['a holder at or before the expected version', { data: { ...reservation, holderVersion: 3 } }],
    ['a negative version', { data: { ...reservation, expectedVersion: -1 } }],
  ])('refuses an event with %s', (_label, patch) => {
    expect(() => decodeReservation(stored(patch), reservation.key)).toThrow(
      /event 2 of unique-key-x is not a reservation of death:7201014107900001/,
    );
  });
});
