import { NO_STREAM } from '@eventstore/db-client';
import { StoreUnavailableError, UniqueKeyTakenError } from '../event-store.errors';
import { appendExpecting, collect, readAt, type EventStoreDbClient } from './client';
import { isWrongExpectedVersion, mapError } from './error-mapping';
import { positionOf, revisionOfVersion } from './revisions';
import type { StreamNaming } from './stream-naming';
import { observeSlot, sameSlot, type Slot, type SlotStatus } from './target-slot';
import {
  decodeReservation,
  holderOf,
  judgeReservation,
  reservationEventData,
  type KeyReservation,
} from './unique-key-reservations';

/**
 * How long a writer waits for a rival's pending reservation of a key to resolve, in successive pauses (ms): a
 * writer in flight appends within a round trip or two; one that stays pending longer is slow or dead.
 */
export const DEFAULT_RESERVATION_WAITS_MS: readonly number[] = [5, 10, 20, 40, 80, 160, 320, 640];

/**
 * A unique key is reserved by an append to another slot whose outcome is not known yet (its writer is in flight,
 * or died between reserving and appending), and did not resolve while this writer waited. Nothing was written
 * for this append; retry it. The reservation stops counting once its target stream moves.
 */
export class UniqueKeyBusyError extends StoreUnavailableError {
  constructor(
    readonly key: string,
    readonly reservedStreamId: string,
  ) {
    super(`unique key ${key} is reserved by an unresolved append to ${reservedStreamId}; retry later`);
    this.name = 'UniqueKeyBusyError';
  }
}

/** A unique key of an append about to be written: the key and the version of the event that holds it. */
export interface UniqueEntry {
  readonly key: string;
  readonly version: number;
}

interface KeyState {
  readonly reservations: readonly { readonly reservation: KeyReservation; readonly status: SlotStatus }[];
  /** Revision of the key's last reservation (null: none yet): the next one must be written right after it. */
  readonly lastRevision: bigint | null;
}

/** Reads and writes the unique-key reservation streams (see unique-key-reservations.ts for the protocol). */
export class UniqueKeyLedger {
  constructor(
    private readonly client: EventStoreDbClient,
    private readonly naming: StreamNaming,
    private readonly waitsMs: readonly number[] = DEFAULT_RESERVATION_WAITS_MS,
  ) {}

  /**
   * Reserves every key for the append at `slot`, in key order; false when another writer reserved one of them
   * in between (read again and start over).
   * @throws UniqueKeyTakenError when a key is held by a committed append.
   * @throws UniqueKeyBusyError when a rival's reservation for another slot stays unresolved.
   */
  async reserve(entries: readonly UniqueEntry[], slot: Slot): Promise<boolean> {
    const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const entry of sorted) {
      const state = await this.settled(entry.key, slot);
      const reservation = { ...slot, key: entry.key, holderVersion: entry.version };
      if (!(await this.write(reservation, state.lastRevision))) return false;
    }
    return true;
  }

  /** The key's reservations once none of another slot is pending, waiting for them within the bound. */
  private async settled(key: string, slot: Slot): Promise<KeyState> {
    for (let wait = 0; ; wait++) {
      const state = await this.inspect(key);
      const committed = state.reservations.find((r) => r.status === 'committed');
      if (committed) throw new UniqueKeyTakenError(key, await this.holder(committed.reservation));
      const rival = state.reservations.find(
        (r) => r.status === 'pending' && !sameSlot(r.reservation, slot.streamId, slot.expectedVersion),
      );
      if (!rival) return state;
      if (wait >= this.waitsMs.length) throw new UniqueKeyBusyError(key, rival.reservation.streamId);
      await new Promise((resolve) => setTimeout(resolve, this.waitsMs[wait]));
    }
  }

  private async inspect(key: string): Promise<KeyState> {
    const streamName = this.naming.uniqueKeyStream(key);
    const stored = await collect(this.client.readStream(streamName, { requiresLeader: true }), `read of ${streamName}`);
    const reservations = [];
    for (const event of stored) {
      const reservation = decodeReservation(event, key);
      reservations.push({ reservation, status: judgeReservation(reservation, await this.observe(reservation)) });
    }
    return { reservations, lastRevision: stored.length ? stored[stored.length - 1].revision : null };
  }

  private observe(reservation: KeyReservation) {
    return observeSlot(this.client, this.naming, reservation);
  }

  /** The committed holder of a key, with its position. */
  private async holder(reservation: KeyReservation) {
    const streamName = this.naming.streamName(reservation.streamId);
    const held = await readAt(this.client, streamName, revisionOfVersion(reservation.holderVersion));
    if (!held) throw new Error(`unique key ${reservation.key}: ${reservation.streamId} lacks its holder event`);
    return holderOf(reservation, positionOf(held));
  }

  /** Writes `reservation` right after revision `after`; false when another writer reserved the key in between. */
  private async write(reservation: KeyReservation, after: bigint | null): Promise<boolean> {
    const streamName = this.naming.uniqueKeyStream(reservation.key);
    try {
      await appendExpecting(this.client, streamName, [reservationEventData(reservation)], after ?? NO_STREAM);
      return true;
    } catch (error) {
      if (isWrongExpectedVersion(error)) return false;
      throw mapError(error, `reservation of unique key ${reservation.key}`);
    }
  }
}
