import { agreementStreamId, eventUpcaster, type AgreementEvent } from '@pks/domain';
import type { RecordedEvent } from '@pks/event-store';

const AGREEMENT_STREAM = agreementStreamId('');

/** An agreement event as the read models fold it: upcast, with where and when it was recorded. */
export interface ProjectedEvent<E extends AgreementEvent = AgreementEvent> {
  readonly agreementId: string;
  readonly event: E;
  readonly position: number;
  readonly version: number;
  readonly recordedAt: string;
}

/**
 * The agreement event in a stored event, upcast once for every read model; null for events of other streams
 * (no read model folds person streams). Throws for a type or version this build does not understand.
 */
export function projectedEventOf(stored: RecordedEvent): ProjectedEvent | null {
  if (!stored.streamId.startsWith(AGREEMENT_STREAM)) return null;
  return {
    agreementId: stored.streamId.slice(AGREEMENT_STREAM.length),
    event: eventUpcaster.upcast<AgreementEvent>({
      type: stored.type,
      schemaVersion: stored.metadata.schemaVersion,
      data: stored.data,
    }),
    position: stored.position,
    version: stored.version,
    recordedAt: stored.metadata.recordedAt,
  };
}
