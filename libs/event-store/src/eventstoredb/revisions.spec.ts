import { NO_STREAM, START } from '@eventstore/db-client';
import {
  expectedRevisionFor,
  portPosition,
  readPositionAt,
  revisionOfVersion,
  versionOfCurrentRevision,
  versionOfRevision,
} from './revisions';

describe('revisions and positions', () => {
  it('numbers port versions from 1 over EventStoreDB revisions from 0', () => {
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(41n)).toBe(42);
    expect(revisionOfVersion(1)).toBe(0n);
    expect(revisionOfVersion(42)).toBe(41n);
    for (const version of [1, 2, 17, 5000]) expect(versionOfRevision(revisionOfVersion(version))).toBe(version);
  });

  it('expects NO_STREAM for version 0 and the last revision otherwise', () => {
    expect(expectedRevisionFor(0)).toBe(NO_STREAM);
    expect(expectedRevisionFor(1)).toBe(0n);
    expect(expectedRevisionFor(3)).toBe(2n);
  });

  it("reads the server's current revision back as a port version", () => {
    expect(versionOfCurrentRevision(NO_STREAM)).toBe(0);
    expect(versionOfCurrentRevision(0n)).toBe(1);
    expect(versionOfCurrentRevision(4n)).toBe(5);
  });

  it('refuses versions that have no revision', () => {
    expect(() => revisionOfVersion(0)).toThrow(/start at 1/);
    expect(() => expectedRevisionFor(-1)).toThrow(/non-negative/);
    expect(() => expectedRevisionFor(1.5)).toThrow(/non-negative/);
  });

  it('uses the commit position as the port position, failing loudly past 2^53 - 1', () => {
    expect(portPosition(0n)).toBe(0);
    expect(portPosition(123_456_789n)).toBe(123_456_789);
    expect(portPosition(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => portPosition(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(/2\^53/);
    expect(() => versionOfRevision(2n ** 60n)).toThrow(/2\^53/);
  });

  it('starts a read of $all at the beginning for 0, else at the event at that position', () => {
    expect(readPositionAt(0)).toBe(START);
    expect(readPositionAt(8_192)).toEqual({ commit: 8_192n, prepare: 8_192n });
    expect(() => readPositionAt(-1)).toThrow();
    expect(() => readPositionAt(0.5)).toThrow();
  });
});
