import { Inject, Injectable } from '@nestjs/common';
import { agreementStreamId } from '@pks/domain';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { ApplicationError } from '../application.errors';

export const CONSISTENCY_TIMEOUT_MS = Symbol('CONSISTENCY_TIMEOUT_MS');
const POLL_MS = 10;

/** What a wait needs to know of the read side it waits for. */
export interface AppliedReadSide {
  /** Global position up to which the read side has applied the feed. */
  appliedPosition(): Promise<number> | number;
  /** The version of an agreement's stream the read side has applied; 0 when it holds no such agreement. */
  appliedVersion?(agreementId: string): number;
}

/**
 * Read your writes. `minPosition` is the consistency token: a query waits, bounded, until its source has
 * applied that global position. A query about one agreement also waits for that agreement's latest event, so
 * that a client reading right after its own command sees it without a token. Past the bound it fails with
 * NOT_CAUGHT_UP (503 with Retry-After).
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(CONSISTENCY_TIMEOUT_MS) private readonly timeoutMs: number,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async waitFor(minPosition: number | undefined, appliedPosition: () => Promise<number> | number): Promise<void> {
    if (minPosition === undefined) return;
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const applied = await appliedPosition();
      if (applied >= minPosition) return;
      if (Date.now() >= deadline) {
        throw new ApplicationError(
          'NOT_CAUGHT_UP',
          `the read side has applied position ${applied}, not yet ${minPosition}`,
          { minPosition, appliedPosition: applied },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Waits for `minPosition` (when given) and for the latest event of the agreement's stream. */
  async waitForAgreement(agreementId: string, minPosition: number | undefined, readSide: AppliedReadSide) {
    await this.waitFor(minPosition, () => readSide.appliedPosition());
    await this.waitFor(await this.latestPosition(agreementId, readSide), () => readSide.appliedPosition());
  }

  /** Position of the agreement's last event, or undefined when the read side has it already (or it has none). */
  private async latestPosition(agreementId: string, readSide: AppliedReadSide): Promise<number | undefined> {
    const streamId = agreementStreamId(agreementId);
    const version = await this.store.streamVersion(streamId);
    // The common case costs one look-up: the read side shows the version the store holds.
    if (version === 0 || (readSide.appliedVersion?.(agreementId) ?? 0) >= version) return undefined;
    const [last] = await this.store.readStream(streamId, { fromVersion: version, limit: 1 });
    return last?.position;
  }
}
