import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { evolve, initialAgreementState, latestIndonesianDate, type AgreementState } from '@pks/domain';
import type { RecordedEvent } from '@pks/event-store';
import { AgreementStreams, toAgreementEvent } from '../agreements/agreement-streams';
import { CLOCK, type Clock } from '../ports/clock.port';
import { GetAgreementEventsQuery, GetAgreementStateQuery, type HistoryItem } from './agreement.queries';
import { requireAgreement, summarize } from './agreement-summary.view';

@QueryHandler(GetAgreementEventsQuery)
export class GetAgreementEventsHandler implements IQueryHandler<GetAgreementEventsQuery> {
  constructor(private readonly streams: AgreementStreams) {}

  async execute({ agreementId, fromVersion, limit }: GetAgreementEventsQuery) {
    const events = await this.streams.history(agreementId, fromVersion, limit + 1);
    // An agreement that does not exist has no history from any version on.
    if (events.length === 0 && (fromVersion <= 1 || (await this.streams.load(agreementId)).version === 0)) {
      requireAgreement(initialAgreementState, agreementId);
    }
    const page = events.slice(0, limit);
    return { items: page.map(toHistoryItem), nextVersion: events.length > limit ? events[limit].version : null };
  }
}

@QueryHandler(GetAgreementStateQuery)
export class GetAgreementStateHandler implements IQueryHandler<GetAgreementStateQuery> {
  constructor(
    private readonly streams: AgreementStreams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ agreementId, at }: GetAgreementStateQuery) {
    const events = await this.streams.history(agreementId);
    let state: AgreementState = initialAgreementState;
    let version = 0;
    for (const event of events) {
      if ('version' in at ? event.version > at.version : event.metadata.recordedAt > at.asOf) break;
      state = evolve(state, toAgreementEvent(event));
      version = event.version;
    }
    const today = latestIndonesianDate('asOf' in at ? at.asOf : this.clock.now());
    return {
      ...summarize(requireAgreement(state, agreementId), version, today),
      ...('asOf' in at ? { asOf: at.asOf } : {}),
    };
  }
}

function toHistoryItem(event: RecordedEvent): HistoryItem {
  return {
    version: event.version,
    position: event.position,
    type: event.type,
    data: event.data,
    metadata: {
      eventId: event.eventId,
      ...event.metadata,
      hash: event.hash,
      previousHash: event.previousHash,
    },
  };
}
