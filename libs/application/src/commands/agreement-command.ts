import {
  decide,
  type AgreementCommand,
  type AgreementEvent,
  type AgreementState,
  type DeathBenefitPaid,
} from '@pks/domain';
import type { PeopleDirectory } from '../people/people-directory';
import { AGREEMENT_PAYMENTS, AGREEMENT_STREAM } from '../streams/stream-type';
import type { GatheredFacts, StreamCommand } from './stream-command';

/**
 * A command of the agreement decider on one agreement's stream, with what it needs from other streams:
 * an enrolment (or a NIK corrected) learns which of its NIKs died (rule 2), a death benefit whether the person's benefit was paid
 * and where else the person was covered (rule 9). Every path that sends a command (HTTP, reactors, tests)
 * builds it here, so none can forget those facts.
 */
export function agreementCommand(
  agreementId: string,
  command: AgreementCommand,
  people: PeopleDirectory,
): StreamCommand<AgreementState, AgreementEvent> {
  const gather = factsFor(agreementId, command, people);
  return {
    stream: onPayments(command) ? AGREEMENT_PAYMENTS : AGREEMENT_STREAM,
    id: agreementId,
    name: command.type,
    decide: (state, context) => decide(state, command, context),
    ...(gather ? { gather } : {}),
    ...(command.type === 'PayDeathBenefit' ? { describe: (events) => ({ benefit: benefitOf(events) }) } : {}),
  };
}

/** Rule 8's decisions read the agreement's payments only, not its members (see AGREEMENT_PAYMENTS). */
function onPayments(command: AgreementCommand): boolean {
  return command.type === 'RecordPremiumPayment' || command.type === 'ReversePremiumPayment';
}

function factsFor(
  agreementId: string,
  command: AgreementCommand,
  people: PeopleDirectory,
): (() => Promise<GatheredFacts>) | undefined {
  switch (command.type) {
    case 'EnrollCohort': {
      const rows: readonly unknown[] = Array.isArray(command.data.members) ? command.data.members : [];
      const niks = rows
        .map((row) => (row as { nik?: unknown } | null)?.nik)
        .filter((n): n is string => typeof n === 'string');
      return () => people.deaths(niks);
    }
    case 'PayDeathBenefit': {
      const nik = typeof command.data.nik === 'string' ? command.data.nik : '';
      return () => people.person(nik, agreementId);
    }
    case 'CorrectMember': {
      // A NIK corrected enrols the right one: rule 2 needs to know whether that person's benefit was paid.
      const rightNik = command.data.correctedNik;
      return typeof rightNik === 'string' ? () => people.deaths([rightNik]) : undefined;
    }
    case 'SignAgreement':
    case 'ExtendPeriod':
    case 'RecordPremiumPayment':
    case 'ReversePremiumPayment':
    case 'WithdrawMember':
    case 'RecordMemberDeath':
    case 'TerminateAgreement':
      return undefined;
  }
}

function benefitOf(events: readonly AgreementEvent[]) {
  return events.find((event): event is DeathBenefitPaid => event.type === 'DeathBenefitPaid')?.data.benefit;
}
