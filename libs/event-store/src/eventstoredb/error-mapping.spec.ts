import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
} from '@eventstore/db-client';
import { AppendTooLargeError, StoreUnavailableError, WrongExpectedVersionError } from '../event-store.errors';
import {
  EventStoreDbUnavailableError,
  isDiscoveryFailure,
  isNotLeader,
  isStreamNotFound,
  mapAppendError,
  mapError,
} from './error-mapping';

describe('error mapping', () => {
  const conflict = (current: bigint | typeof NO_STREAM) =>
    new ClientWrongExpectedVersionError(undefined, { streamName: 'x.agreement-a', expected: 1n, current });

  it("turns the client's WrongExpectedVersion into the port's, in port versions and port stream ids", () => {
    const mapped = mapAppendError(conflict(4n), 'agreement-a', 2);
    expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
    expect(mapped).toMatchObject({ streamId: 'agreement-a', expectedVersion: 2, actualVersion: 5 });
    expect(mapAppendError(conflict(NO_STREAM), 'agreement-a', 3)).toMatchObject({ actualVersion: 0 });
    expect(mapAppendError(conflict(0n), 'agreement-a', 'any')).toMatchObject({
      expectedVersion: 'any',
      actualVersion: 1,
    });
  });

  it('recognises errors by their type, whichever copy of the client made them', () => {
    const lookalike = { type: 'wrong-expected-version', actualVersion: 2n };
    expect(mapAppendError(lookalike, 's', 1)).toMatchObject({ actualVersion: 3 });
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 's'))).toBe(true);
    expect(isStreamNotFound({ type: 'stream-not-found' })).toBe(true);
    expect(isStreamNotFound(new Error('stream-not-found'))).toBe(false);
  });

  it('says that an unconfirmed append may have been written', () => {
    for (const cause of [
      new UnavailableError(undefined, '14 UNAVAILABLE: No connection established'),
      new DeadlineExceededError(),
    ]) {
      const mapped = mapAppendError(cause, 'agreement-a', 1);
      expect(mapped).toBeInstanceOf(EventStoreDbUnavailableError);
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect(mapped).toMatchObject({ cause });
      expect(mapped.message).toMatch(/may or may not have been written/);
    }
    expect(mapError(new UnavailableError(), 'read of $all')).toBeInstanceOf(EventStoreDbUnavailableError);
  });

  it('reports an append the server found too large as such, and explains a denied call', () => {
    const tooLarge = mapAppendError(new MaxAppendSizeExceededError(undefined, 1_048_576), 'agreement-a', 0);
    expect(tooLarge).toBeInstanceOf(AppendTooLargeError);
    expect(tooLarge).toMatchObject({ streamId: 'agreement-a', limitBytes: 1_048_576 });
    expect(mapError(new AccessDeniedError(), 'read of $all').message).toMatch(/read access to \$all/);
  });

  it('takes a node that is not ready, too busy or not found by discovery for an unavailable store', () => {
    for (const cause of [
      new UnknownError(undefined, 'Could not recognize Server Is Not Ready'),
      new UnknownError(undefined, 'Could not recognize Server Is Busy'),
      new Error('Failed to discover after 10 attempts.'),
    ]) {
      expect(mapAppendError(cause, 'agreement-a', 1)).toBeInstanceOf(EventStoreDbUnavailableError);
      expect(mapError(cause, 'read of $all')).toBeInstanceOf(EventStoreDbUnavailableError);
    }
    expect(isDiscoveryFailure(mapError(new Error('Failed to discover after 2 attempts.'), 'read'))).toBe(true);
    expect(mapError(new UnknownError(undefined, 'Could not recognize BadRequest'), 'x')).not.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('recognises a node that is not the leader, also once mapped', () => {
    const notLeader = { type: 'not-leader', leader: { address: 'node2', port: 2113 } };
    expect(isNotLeader(notLeader)).toBe(true);
    expect(isNotLeader(mapError(notLeader, 'read of s'))).toBe(true);
    expect(isNotLeader(new UnavailableError())).toBe(false);
  });

  it('passes other errors through, wrapping what is not an Error', () => {
    const plain = new Error('boom');
    expect(mapError(plain, 'x')).toBe(plain);
    expect(mapError('boom', 'read of s')).toEqual(new Error('EventStoreDB read of s failed: boom'));
  });
});
