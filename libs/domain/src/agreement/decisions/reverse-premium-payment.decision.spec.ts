import type { ReversePremiumPayment } from '../agreement.commands';
import type { AgreementEvent } from '../agreement.events';
import { expectedPremium } from '../coverage';
import { premiumBalance } from '../premium-balance';
import { agreementSigned, given, signedState, sumbaFullyEnrolled } from '../../testing/fixtures';

const recorded = (paymentId: string, amount: number, paidOn = '2025-11-03'): AgreementEvent => ({
  type: 'PremiumPaymentRecorded',
  data: { paymentId, amount, paidOn, reference: `SP2D ${paymentId}` },
});
const reverse = (paymentId: string, reversedOn = '2025-11-05', reason = 'SP2D dibatalkan'): ReversePremiumPayment => ({
  type: 'ReversePremiumPayment',
  data: { paymentId, reversedOn, reason },
});
const reversed = (paymentId: string, amount: number, reversedOn = '2025-11-05'): AgreementEvent => ({
  type: 'PremiumPaymentReversed',
  data: { paymentId, amount, reversedOn, reason: 'SP2D dibatalkan' },
});

/** Rule 8: a recorded payment is never edited; a cancelled SP2D is reversed by a later fact. */
describe('Rule 8: reversing a premium payment', () => {
  const paidTwice = [...sumbaFullyEnrolled(), recorded('sp2d-001', 94_080_000), recorded('sp2d-002', 188_160_000)];

  it('reverses a cancelled SP2D with its reason and date, repeating the amount it takes back', () => {
    given(paidTwice)
      .when(reverse('sp2d-002'))
      .then([
        {
          type: 'PremiumPaymentReversed',
          data: { paymentId: 'sp2d-002', amount: 188_160_000, reversedOn: '2025-11-05', reason: 'SP2D dibatalkan' },
        },
      ]);
  });

  it('paid drops by the reversed amount: of Rp282,240,000 paid, Rp188,160,000 is outstanding again', () => {
    const state = signedState([...paidTwice, reversed('sp2d-002', 188_160_000)]);
    expect(state.paidPremium).toBe(94_080_000);
    expect(premiumBalance(expectedPremium(state), state.paidPremium)).toEqual({
      outstanding: 188_160_000,
      refundable: 0,
    });
  });

  it('the history keeps both: the payment stays recorded, marked reversed', () => {
    const state = signedState([...paidTwice, reversed('sp2d-002', 188_160_000)]);
    expect(state.payments.get('sp2d-002')).toEqual({
      paymentId: 'sp2d-002',
      amount: 188_160_000,
      paidOn: '2025-11-03',
      reference: 'SP2D sp2d-002',
      reversal: { reversedOn: '2025-11-05', reason: 'SP2D dibatalkan' },
    });
  });

  it('a second reversal is refused: a reversal cannot be reversed, nor repeated', () => {
    given([...paidTwice, reversed('sp2d-002', 188_160_000)])
      .when(reverse('sp2d-002', '2025-11-07'))
      .thenThrows('PAYMENT_REVERSED', { paymentId: 'sp2d-002', reversedOn: '2025-11-05' });
  });

  it('the id of a reversed payment is not used again: a new SP2D is a new payment', () => {
    given([...paidTwice, reversed('sp2d-002', 188_160_000)])
      .when({
        type: 'RecordPremiumPayment',
        data: { paymentId: 'sp2d-002', amount: 188_160_000, paidOn: '2025-11-06', reference: 'SP2D baru' },
      })
      .thenThrows('PAYMENT_EXISTS');
  });

  it('refuses to reverse a payment never recorded', () => {
    given(paidTwice).when(reverse('sp2d-404')).thenThrows('PAYMENT_NOT_FOUND');
  });

  it('refuses a reversal dated before the payment it reverses', () => {
    given(paidTwice)
      .when(reverse('sp2d-001', '2025-11-02'))
      .thenThrows('INVALID_DATE', { reversedOn: '2025-11-02', paidOn: '2025-11-03' });
  });

  it('accepts a reversal on the day of the payment, and refuses one dated after today', () => {
    given(paidTwice).when(reverse('sp2d-001', '2025-11-03')).then([expect.anything()]);
    given(paidTwice)
      .when(reverse('sp2d-001', '2025-11-11'), { today: '2025-11-10' })
      .thenThrows('DATE_IN_FUTURE', { reversedOn: '2025-11-11', today: '2025-11-10' });
  });

  it('reverses a payment of a terminated agreement (arrears are reconciled after the end too)', () => {
    given([...paidTwice, { type: 'AgreementTerminated', data: { effectiveDate: '2025-12-01', reason: 'x' } }])
      .when(reverse('sp2d-001'))
      .then([expect.objectContaining({ type: 'PremiumPaymentReversed' })]);
  });

  it('names every bad field', () => {
    given([agreementSigned()])
      .when({ type: 'ReversePremiumPayment', data: { paymentId: ' x', reversedOn: '2025-02-30', reason: '\u0000' } })
      .thenThrows('VALIDATION_FAILED', [
        { path: 'paymentId', reason: expect.any(String) },
        { path: 'reversedOn', reason: expect.any(String) },
        { path: 'reason', reason: expect.any(String) },
      ]);
  });

  it('refuses a reversal on an agreement never signed', () => {
    given([]).when(reverse('sp2d-001')).thenThrows('AGREEMENT_NOT_FOUND');
  });
});
