import type { RecordPremiumPayment } from '../agreement.commands';
import type { AgreementEvent } from '../agreement.events';
import { agreementSigned, given, signedState, sumbaFullyEnrolled } from '../../testing/fixtures';

const pay = (paymentId: string, amount: number, paidOn = '2025-11-05'): RecordPremiumPayment => ({
  type: 'RecordPremiumPayment',
  data: { paymentId, amount, paidOn, reference: `SP2D ${paymentId}` },
});
const recorded = (paymentId: string, amount: number, paidOn = '2025-11-05'): AgreementEvent => ({
  type: 'PremiumPaymentRecorded',
  data: { paymentId, amount, paidOn, reference: `SP2D ${paymentId}` },
});

describe('Rule 8: recording premium payments', () => {
  it("records the Pemda's payment with its amount, date and SP2D reference", () => {
    given(sumbaFullyEnrolled())
      .when(pay('0123/SP2D/2025', 282_240_000))
      .then([
        {
          type: 'PremiumPaymentRecorded',
          data: {
            paymentId: '0123/SP2D/2025',
            amount: 282_240_000,
            paidOn: '2025-11-05',
            reference: 'SP2D 0123/SP2D/2025',
          },
        },
      ]);
  });

  it('adds the payments up', () => {
    const state = signedState([
      ...sumbaFullyEnrolled(),
      recorded('sp2d-1', 94_080_000),
      recorded('sp2d-2', 188_160_000),
    ]);
    expect(state.paidPremium).toBe(282_240_000);
    expect(state.payments.size).toBe(2);
  });

  it('refuses a payment id already recorded', () => {
    given([...sumbaFullyEnrolled(), recorded('sp2d-1', 94_080_000)])
      .when(pay('sp2d-1', 1))
      .thenThrows('PAYMENT_EXISTS');
  });

  it('refuses a payment dated after today', () => {
    given(sumbaFullyEnrolled())
      .when(pay('sp2d-1', 94_080_000, '2025-11-11'), { today: '2025-11-10' })
      .thenThrows('DATE_IN_FUTURE', { paidOn: '2025-11-11', today: '2025-11-10' });
  });

  it('accepts a payment dated today', () => {
    given(sumbaFullyEnrolled())
      .when(pay('sp2d-1', 94_080_000, '2025-11-10'), { today: '2025-11-10' })
      .then([expect.anything()]);
  });

  it('refuses a payment dated before the signature (2025-10-28), though coverage began on 2025-10-01', () => {
    given(sumbaFullyEnrolled())
      .when(pay('sp2d-1', 94_080_000, '2025-10-27'))
      .thenThrows('INVALID_DATE', { paidOn: '2025-10-27', signedOn: '2025-10-28' });
  });

  it('accepts a payment dated on the day of the signature', () => {
    given(sumbaFullyEnrolled())
      .when(pay('sp2d-1', 94_080_000, '2025-10-28'))
      .then([expect.objectContaining({ type: 'PremiumPaymentRecorded' })]);
  });

  it('records arrears paid after a termination', () => {
    given([
      ...sumbaFullyEnrolled(),
      { type: 'AgreementTerminated', data: { effectiveDate: '2025-12-01', reason: 'x' } },
    ])
      .when(pay('sp2d-9', 188_160_000))
      .then([expect.anything()]);
  });

  it('takes whole rupiah only, and names the bad fields', () => {
    given([agreementSigned()])
      .when({
        type: 'RecordPremiumPayment',
        data: { paymentId: ' bad id', amount: 16_800.5, paidOn: '2025-11-31', reference: '' },
      })
      .thenThrows('VALIDATION_FAILED', [
        { path: 'paymentId', reason: expect.any(String) },
        { path: 'amount', reason: expect.stringContaining('whole number of rupiah') },
        { path: 'paidOn', reason: expect.any(String) },
        { path: 'reference', reason: expect.any(String) },
      ]);
  });

  it.each([0, -16_800])('refuses an amount of Rp%i', (amount) => {
    given([agreementSigned()])
      .when(pay('sp2d-1', amount))
      .thenThrows('VALIDATION_FAILED', [{ path: 'amount', reason: expect.any(String) }]);
  });

  it('refuses a payment to an agreement never signed', () => {
    given([]).when(pay('sp2d-1', 1)).thenThrows('AGREEMENT_NOT_FOUND');
  });
});
