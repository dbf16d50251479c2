import type { EventMetadata, NewEvent, RecordedEvent } from './event-store.port';
import { canonicalJson } from './canonical-json';
import { hashEvent, hashStoredEvent, verifyChain } from './hash-chain';

const metadata: EventMetadata = {
  recordedAt: '2025-01-01T00:00:00.000Z',
  actor: 'tester',
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  schemaVersion: 1,
};

/** Builds a valid chain of `count` events for one stream, the way an adapter would. */
function chain(streamId: string, count: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let previousHash: string | null = null;
  for (let version = 1; version <= count; version++) {
    const event: NewEvent = { eventId: `e-${version}`, type: 'Thing', data: { n: version, tags: ['a'] }, metadata };
    const hash = hashEvent(streamId, version, event, previousHash);
    events.push({ ...event, streamId, version, position: version * 10, hash, previousHash });
    previousHash = hash;
  }
  return events;
}

describe('hashEvent', () => {
  const event: NewEvent = { eventId: 'e-1', type: 'Thing', data: { a: 1, b: 2 }, metadata };

  it('is a sha-256 hex digest', () => {
    expect(hashEvent('s', 1, event, null)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order', () => {
    const reordered: NewEvent = { ...event, data: { b: 2, a: 1 } };
    expect(hashEvent('s', 1, reordered, null)).toBe(hashEvent('s', 1, event, null));
  });

  it.each([
    ['stream', () => hashEvent('other', 1, event, null)],
    ['version', () => hashEvent('s', 2, event, null)],
    ['eventId', () => hashEvent('s', 1, { ...event, eventId: 'e-2' }, null)],
    ['type', () => hashEvent('s', 1, { ...event, type: 'Other' }, null)],
    ['data', () => hashEvent('s', 1, { ...event, data: { a: 1, b: 3 } }, null)],
    ['metadata', () => hashEvent('s', 1, { ...event, metadata: { ...metadata, actor: 'x' } }, null)],
    ['previousHash', () => hashEvent('s', 1, event, 'f'.repeat(64))],
  ])('changes when the %s changes', (_field, variant) => {
    expect(variant()).not.toBe(hashEvent('s', 1, event, null));
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain, an empty slice and a slice starting mid-stream', () => {
    const events = chain('s', 5);
    expect(verifyChain(events)).toEqual({ ok: true });
    expect(verifyChain([])).toEqual({ ok: true });
    expect(verifyChain(events.slice(2))).toEqual({ ok: true });
  });

  it('detects edited data of a stored event', () => {
    const events = chain('s', 5);
    events[2] = { ...events[2], data: { n: 999, tags: ['a'] } };
    expect(verifyChain(events)).toEqual({ ok: false, version: 3, reason: expect.stringContaining('hash') });
  });

  it('detects edited metadata', () => {
    const events = chain('s', 3);
    events[1] = { ...events[1], metadata: { ...metadata, actor: 'mallory' } };
    expect(verifyChain(events)).toMatchObject({ ok: false, version: 2 });
  });

  it('detects reordered events', () => {
    const events = chain('s', 4);
    [events[1], events[2]] = [events[2], events[1]];
    expect(verifyChain(events)).toMatchObject({ ok: false, version: 3 });
  });

  it('detects reordering even when the versions are renumbered to look consecutive', () => {
    const events = chain('s', 4);
    const swapped = [events[0], { ...events[2], version: 2 }, { ...events[1], version: 3 }, events[3]];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, version: 2 });
  });

  it('detects a removed event', () => {
    const events = chain('s', 4);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ ok: false, version: 3 });
  });

  it('detects a rewritten event whose own hash was recomputed, at the next link', () => {
    const events = chain('s', 3);
    const forged: NewEvent = { ...events[1], data: { n: -1 } };
    events[1] = { ...events[1], data: forged.data, hash: hashEvent('s', 2, forged, events[1].previousHash) };
    expect(verifyChain(events)).toEqual({ ok: false, version: 3, reason: expect.stringContaining('previousHash') });
  });

  it('rejects a first event carrying a previousHash and events of another stream', () => {
    const events = chain('s', 2);
    expect(verifyChain([{ ...events[0], previousHash: 'f'.repeat(64) }])).toMatchObject({ ok: false, version: 1 });
    expect(verifyChain([events[0], chain('t', 2)[1]])).toMatchObject({ ok: false, version: 2 });
  });

  it('hashes a stored event from its stored text alike, and a reformatted text differently', () => {
    const [first, event] = chain('agreement-sbd-2025-pks-01', 2);
    expect(
      hashStoredEvent({ ...first, dataJson: canonicalJson(first.data), metadataJson: canonicalJson(first.metadata) }),
    ).toBe(first.hash);
    const stored = {
      ...event,
      dataJson: canonicalJson(event.data),
      metadataJson: canonicalJson(event.metadata),
    };
    expect(hashStoredEvent(stored)).toBe(event.hash);
    expect(hashStoredEvent({ ...stored, dataJson: JSON.stringify(event.data, null, 1) })).not.toBe(event.hash);
  });
});
