import fc from 'fast-check';
import { DomainError } from '../../shared/domain-error';
import { members, nik, SUMBA_BARAT_DAYA, TODAY } from '../../testing/fixtures';
import { decide } from '../agreement.decider';
import type { AgreementCommand } from '../agreement.commands';
import type { AgreementEvent } from '../agreement.events';
import { foldAgreement } from '../agreement.state';
import { PAYMENT_DECISION_EVENTS } from './payment-history';

/**
 * Rule 8's decisions read only the agreement's signature, termination, payments and reversals: decided on the
 * fold of those events alone, a payment or a reversal is accepted, refused or answered exactly as on the whole
 * history, whatever enrolments, withdrawals, extensions and terminations lie between them.
 */
const PAYMENT_IDS = ['SP2D-1', 'SP2D-2', 'SP2D-3'];
// Before the signature (2025-10-28), on it, after it, today (2025-11-10) and tomorrow.
const DATES = ['2025-10-01', '2025-10-28', '2025-11-01', '2025-11-10', '2025-11-11'];

const payment = fc.record({
  type: fc.constant('RecordPremiumPayment' as const),
  data: fc.record({
    paymentId: fc.constantFrom(...PAYMENT_IDS),
    amount: fc.constantFrom(1, 16_800, 94_080_000),
    paidOn: fc.constantFrom(...DATES),
    reference: fc.constant('SP2D Kabupaten Sumba Barat Daya'),
  }),
});
const reversal = fc.record({
  type: fc.constant('ReversePremiumPayment' as const),
  data: fc.record({
    paymentId: fc.constantFrom(...PAYMENT_IDS),
    reversedOn: fc.constantFrom(...DATES),
    reason: fc.constant('SP2D dibatalkan'),
  }),
});
const otherCommand: fc.Arbitrary<AgreementCommand> = fc.oneof(
  fc.nat({ max: 30 }).map((first) => ({
    type: 'EnrollCohort' as const,
    data: { cohortId: 'rentan', name: 'Pekerja Rentan', members: members(3, first) },
  })),
  fc.nat({ max: 30 }).map((first) => ({
    type: 'EnrollCohort' as const,
    data: { cohortId: 'rentan', members: members(2, first) },
  })),
  fc.nat({ max: 32 }).map((index) => ({
    type: 'WithdrawMember' as const,
    data: { nik: nik(index), effectiveDate: '2025-11-01', reason: 'pindah domisili' },
  })),
  fc.constant({
    type: 'ExtendPeriod' as const,
    data: { newEnd: '2026-03-31', additionalBudget: 1_000_000, reference: 'Adendum I' },
  }),
  fc.constant({ type: 'TerminateAgreement' as const, data: { effectiveDate: '2025-11-30', reason: 'APBD habis' } }),
);

type Outcome = { events: AgreementEvent[] } | { refused: string; message: string };

function outcomeOf(run: () => AgreementEvent[]): Outcome {
  try {
    return { events: run() };
  } catch (error) {
    if (error instanceof DomainError) return { refused: error.code, message: error.message };
    throw error;
  }
}

/** The history the commands make, each decided on the whole history so far; refused ones record nothing. */
function historyOf(commands: readonly AgreementCommand[]): AgreementEvent[] {
  const history: AgreementEvent[] = [];
  for (const command of [{ type: 'SignAgreement' as const, data: SUMBA_BARAT_DAYA }, ...commands]) {
    const outcome = outcomeOf(() => decide(foldAgreement(history), command, TODAY));
    if ('events' in outcome) history.push(...outcome.events);
  }
  return history;
}

/** Whether deciding on the fold of `kept` alone answers as on the whole history, for generated histories. */
function samePaymentDecisions(kept: readonly string[], seen = { enrolled: 0, accepted: 0, refused: 0 }) {
  return fc.property(
    fc.array(fc.oneof(payment, reversal, otherCommand, otherCommand), { maxLength: 14 }),
    fc.oneof(payment, reversal),
    fc.boolean(),
    (commands, asked, signed) => {
      const history = signed ? historyOf(commands) : [];
      const part = history.filter((event) => kept.includes(event.type));
      const whole = outcomeOf(() => decide(foldAgreement(history), asked, TODAY));
      expect(outcomeOf(() => decide(foldAgreement(part), asked, TODAY))).toEqual(whole);
      if (history.some((event) => event.type === 'CohortEnrolled')) seen.enrolled++;
      if ('events' in whole) seen.accepted++;
      else seen.refused++;
    },
  );
}

const RUNS = { numRuns: 400, seed: 20261201 };

describe('the events a decision on payments reads (rule 8)', () => {
  it('decides a payment or a reversal on them alone exactly as on the whole history', () => {
    const seen = { enrolled: 0, accepted: 0, refused: 0 };
    fc.assert(samePaymentDecisions(PAYMENT_DECISION_EVENTS, seen), RUNS);
    // The property was tried on histories with members, and on decisions both accepted and refused.
    expect(Math.min(seen.enrolled, seen.accepted, seen.refused)).toBeGreaterThan(40);
  });

  it.each(PAYMENT_DECISION_EVENTS.filter((type) => type !== 'AgreementTerminated'))(
    'finds a decision answered otherwise when %s is left out (the property can fail)',
    (left) => {
      const kept = PAYMENT_DECISION_EVENTS.filter((type) => type !== left);
      expect(fc.check(samePaymentDecisions(kept), RUNS).failed).toBe(true);
    },
  );
});
