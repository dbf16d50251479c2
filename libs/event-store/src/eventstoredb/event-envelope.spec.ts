import type { RecordedEvent as StoredEvent } from '@eventstore/db-client';
import { metadataFor, newEvent } from '../event-store.test-fixtures';
import { envelopeOf, fromStoredEvent, storedEventId, toEventData } from './event-envelope';

/** What the server hands back for `data`, as the client parses it. */
function stored(data: ReturnType<typeof toEventData>, streamId: string, revision: bigint): StoredEvent {
  return {
    streamId,
    id: data.id,
    revision,
    type: data.type,
    isJson: true,
    created: new Date(0),
    data: JSON.parse(JSON.stringify(data.data)),
    metadata: JSON.parse(JSON.stringify(data.metadata)),
  } as StoredEvent;
}

describe('event envelope', () => {
  const link = { hash: 'a'.repeat(64), previousHash: 'b'.repeat(64) };

  it("keeps the application's UUID as the EventStoreDB event id, and type and data as they are", () => {
    const event = newEvent('AgreementSigned', { budget: 282_240_000, programs: ['JKK', 'JKM'] });
    const data = toEventData(event, link);
    expect(data).toMatchObject({
      id: event.eventId,
      type: 'AgreementSigned',
      contentType: 'application/json',
      data: event.data,
    });
    expect(data.metadata).toEqual({
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
      ledger: { format: 1, metadata: event.metadata, ...link },
    });
  });

  it('reads back the same event with version = revision + 1 and the given position', () => {
    const event = newEvent('CohortEnrolled', { members: [{ nik: '5318014107900001' }] });
    const read = fromStoredEvent('agreement-a', stored(toEventData(event, link, 'key-1'), 'x.agreement-a', 6n), 98_304);
    expect(read).toEqual({ ...event, streamId: 'agreement-a', version: 7, position: 98_304, ...link });
  });

  it('records the Idempotency-Key of the append in the envelope', () => {
    const data = toEventData(newEvent(), link, 'key-1');
    expect(envelopeOf(stored(data, 's', 0n)).idempotencyKey).toBe('key-1');
    expect(envelopeOf(stored(toEventData(newEvent(), link), 's', 0n)).idempotencyKey).toBeUndefined();
  });

  it.each(['evt-0001', 'A0B1C2D3-0000-4000-8000-000000000001', '00000000-0000-0000-0000-000000000000'])(
    'maps event id %s to a derived UUID and still reads it back unchanged',
    (eventId) => {
      const event = { ...newEvent(), eventId };
      const data = toEventData(event, link);
      expect(data.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(data.id).toBe(storedEventId(eventId));
      expect(fromStoredEvent('s', stored(data, 's', 0n), 1).eventId).toBe(eventId);
    },
  );

  it("never mixes the port's metadata with the envelope's fields", () => {
    const metadata = { ...metadataFor(), ledger: 'theirs', $correlationId: 'theirs-too' } as never;
    const event = newEvent('T', {}, metadata);
    expect(fromStoredEvent('s', stored(toEventData(event, link), 's', 0n), 1).metadata).toEqual(metadata);
  });

  it.each([
    ['no metadata', { metadata: undefined }],
    ['metadata without an envelope', { metadata: { $correlationId: 'c' } }],
    ['an unknown envelope format', { metadata: { ledger: { format: 2, hash: 'h', metadata: {} } } }],
    ['a binary event', { isJson: false }],
  ])('refuses an event with %s: it was not written by this adapter', (_label, patch) => {
    const foreign = { ...stored(toEventData(newEvent(), link), 'agreement-a', 3n), ...patch } as StoredEvent;
    expect(() => fromStoredEvent('agreement-a', foreign, 1)).toThrow(/event 3 of agreement-a .*no ledger envelope/);
  });
});
