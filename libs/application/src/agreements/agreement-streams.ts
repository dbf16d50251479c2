import { Injectable } from '@nestjs/common';
import type { AgreementEvent, AgreementState } from '@pks/domain';
import type { RecordedEvent } from '@pks/event-store';
import { StreamReader, type LoadedStream } from '../streams/stream-reader';
import { AGREEMENT_STREAM, eventOf } from '../streams/stream-type';

export type LoadedAgreement = LoadedStream<AgreementState>;

/** Agreement streams, for the queries that fold one agreement's history (state as of, events). */
@Injectable()
export class AgreementStreams {
  constructor(private readonly reader: StreamReader) {}

  load(agreementId: string): Promise<LoadedAgreement> {
    return this.reader.load(AGREEMENT_STREAM, agreementId);
  }

  history(agreementId: string, fromVersion = 1, limit?: number): Promise<RecordedEvent[]> {
    return this.reader.history(AGREEMENT_STREAM, agreementId, fromVersion, limit);
  }
}

/** A stored agreement event as the current schema version of its type. */
export function toAgreementEvent(event: RecordedEvent): AgreementEvent {
  return eventOf(AGREEMENT_STREAM, event);
}
