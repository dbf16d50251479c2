import { Injectable } from '@nestjs/common';
import { ledgerEventOf } from '@pks/domain';
import type { RecordedEvent } from '@pks/event-store';
import { PeopleDirectory } from '../people/people-directory';
import type { Reactor, ReactorCommand } from './reactor';

/**
 * Rule 2 across agreements: when a death benefit is paid under one agreement, the worker's coverage ends on
 * the date of death in every other agreement that enrolled the NIK (RecordMemberDeath, which changes nothing
 * when repeated or when the coverage there had ended by then).
 */
@Injectable()
export class DeathSpreadReactor implements Reactor {
  readonly name = 'death-spread';
  readonly types = ['DeathBenefitPaid'];

  constructor(private readonly people: PeopleDirectory) {}

  async commandsFor(stored: RecordedEvent): Promise<ReactorCommand[]> {
    const ledgerEvent = ledgerEventOf(stored);
    if (ledgerEvent?.category !== 'agreement' || ledgerEvent.event.type !== 'DeathBenefitPaid') return [];
    const { nik, dateOfDeath, claimId } = ledgerEvent.event.data;
    const paidBy = ledgerEvent.id;
    return (await this.people.agreementsOf(nik))
      .filter((agreementId) => agreementId !== paidBy)
      .map((agreementId) => ({
        agreementId,
        command: {
          type: 'RecordMemberDeath',
          data: { nik, dateOfDeath, benefitAgreementId: paidBy, benefitClaimId: claimId },
        },
      }));
  }
}
