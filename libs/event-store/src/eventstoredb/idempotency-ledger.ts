import { NO_STREAM } from '@eventstore/db-client';
import { IdempotencyKeyTakenError } from '../event-store.errors';
import type { IdempotencyRecord } from '../event-store.port';
import { appendExpecting, collect, readAt, type EventStoreDbClient } from './client';
import { isWrongExpectedVersion, mapError } from './error-mapping';
import {
  claimEventData,
  decodeClaim,
  judgeClaim,
  recordOf,
  type ClaimStatus,
  type KeyClaim,
} from './idempotency-claims';
import { positionOf, revisionOfVersion } from './revisions';
import type { StreamNaming } from './stream-naming';
import { observeSlot } from './target-slot';

/** The claims of one key, each with its outcome as read now, oldest first. */
export interface KeyState {
  readonly claims: readonly { readonly claim: KeyClaim; readonly status: ClaimStatus }[];
  /** Revision of the key's last claim (null: no claim yet): the next claim must be written right after it. */
  readonly lastRevision: bigint | null;
}

/** Reads and writes the idempotency streams (see idempotency-claims.ts for the protocol). */
export class IdempotencyLedger {
  constructor(
    private readonly client: EventStoreDbClient,
    private readonly naming: StreamNaming,
  ) {}

  async inspect(key: string): Promise<KeyState> {
    const streamName = this.naming.idempotencyStream(key);
    const stored = await collect(this.client.readStream(streamName, { requiresLeader: true }), `read of ${streamName}`);
    const claims = [];
    for (const event of stored) {
      const claim = decodeClaim(event);
      claims.push({ claim, status: await this.judge(claim) });
    }
    return { claims, lastRevision: stored.length ? stored[stored.length - 1].revision : null };
  }

  /** @throws IdempotencyKeyTakenError when an append with `key` committed. */
  async assertFree(key: string): Promise<KeyState> {
    const state = await this.inspect(key);
    if (state.claims.some((c) => c.status === 'committed')) throw new IdempotencyKeyTakenError(key);
    return state;
  }

  /** Re-reads the outcome of claims whose slot has been taken since they were judged pending. */
  async assertNoneCommitted(key: string, claims: readonly KeyClaim[]): Promise<void> {
    for (const claim of claims) {
      if ((await this.judge(claim)) === 'committed') throw new IdempotencyKeyTakenError(key);
    }
  }

  async findRecord(key: string): Promise<IdempotencyRecord | null> {
    const { claims } = await this.inspect(key);
    const committed = claims.find((c) => c.status === 'committed');
    return committed ? this.record(committed.claim) : null;
  }

  /** Writes `claim` right after revision `after`; false when another writer claimed the key in between. */
  async claim(claim: KeyClaim, after: bigint | null): Promise<boolean> {
    const streamName = this.naming.idempotencyStream(claim.key);
    try {
      await appendExpecting(this.client, streamName, [claimEventData(claim)], after ?? NO_STREAM);
      return true;
    } catch (error) {
      if (isWrongExpectedVersion(error)) return false;
      throw mapError(error, `claim of idempotency key ${claim.key}`);
    }
  }

  private async judge(claim: KeyClaim): Promise<ClaimStatus> {
    return judgeClaim(claim, await observeSlot(this.client, this.naming, claim));
  }

  private async record(claim: KeyClaim): Promise<IdempotencyRecord> {
    const streamName = this.naming.streamName(claim.streamId);
    const revision = revisionOfVersion(claim.expectedVersion + claim.eventCount);
    const last = await readAt(this.client, streamName, revision);
    if (!last)
      throw new Error(
        `idempotency key ${claim.key}: ${claim.streamId} lacks version ${revision + 1n} of its committed append`,
      );
    return recordOf(claim, positionOf(last));
  }
}
