import { Inject, Injectable } from '@nestjs/common';
import {
  decideClaimDeathBenefit,
  decideReleaseDeathBenefitClaim,
  eventUpcaster,
  evolvePerson,
  personStreamId,
  PERSON_EVENT_SCHEMA_VERSIONS,
  type PersonEvent,
  type PersonState,
} from '@pks/domain';
import { EVENT_STORE, WrongExpectedVersionError, type EventStore } from '@pks/event-store';
import { eventMetadata, type CommandContext } from '../command-context';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '../ports/clock.port';

type Claim = { nik: string; agreementId: string; claimId: string };

/** The person streams: the death-benefit claim that makes rule 9 hold across agreements. */
@Injectable()
export class PersonStreams {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * Claims the person's benefit for this claim, or throws BENEFIT_ALREADY_PAID when another claim holds it.
   * Resolves true when this call appended the claim, false when the same claim already held it (a retry, or a
   * concurrent request for the same claim): only the call that took the claim may give it back.
   */
  claimDeathBenefit(claim: Claim, context: CommandContext): Promise<boolean> {
    return this.decideAndAppend(claim.nik, (state) => decideClaimDeathBenefit(state, claim), context);
  }

  releaseDeathBenefitClaim(claim: Claim, context: CommandContext, reason: string): Promise<boolean> {
    return this.decideAndAppend(claim.nik, (state) => decideReleaseDeathBenefitClaim(state, claim, reason), context);
  }

  private async decideAndAppend(
    nik: string,
    decision: (state: PersonState) => PersonEvent[],
    context: CommandContext,
  ): Promise<boolean> {
    const streamId = personStreamId(nik);
    for (;;) {
      const stored = await this.store.readStream(streamId);
      const state = stored
        .map((e) =>
          eventUpcaster.upcast<PersonEvent>({ type: e.type, schemaVersion: e.metadata.schemaVersion, data: e.data }),
        )
        .reduce(evolvePerson, {} as PersonState);
      const events = decision(state);
      if (events.length === 0) return false;
      try {
        await this.store.append(
          streamId,
          stored.length,
          events.map((event) => ({
            eventId: this.ids.newId(),
            type: event.type,
            data: event.data,
            metadata: eventMetadata(context, this.clock.now(), PERSON_EVENT_SCHEMA_VERSIONS[event.type]),
          })),
        );
        return true;
      } catch (error) {
        // Another claim moved the person stream: decide again on what it wrote.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
  }
}
