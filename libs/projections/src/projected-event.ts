import { eventUpcaster, type AgreementEvent } from '@pks/domain';
import type { RecordedEvent } from '@pks/event-store';

const AGREEMENT_STREAM = 'agreement-';

/** An agreement event as the read models fold it: upcast, with where and when it was recorded. */
export interface ProjectedAgreementEvent {
  readonly agreementId: string;
  readonly event: AgreementEvent;
  readonly position: number;
  readonly version: number;
  readonly recordedAt: string;
}

/** The agreement event in a stored event, or null for events of other streams. */
export function agreementEventOf(stored: RecordedEvent): ProjectedAgreementEvent | null {
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

/** SQL condition on a region code column: the code itself or any region below it (`72` matches `72.01`). */
export function regionMatch(column: string): string {
  return `(? = '' OR ${column} = ? OR ${column} LIKE ? || '.%')`;
}

export function regionParams(prefix: string | undefined): [string, string, string] {
  const code = prefix ?? '';
  return [code, code, code];
}
