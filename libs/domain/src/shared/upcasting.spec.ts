import { eventUpcaster } from '../agreement/agreement.upcasters';
import { Upcaster } from './upcasting';

/** A made-up history: PremiumPaymentRecorded v1 carried `rupiah`; v2 renamed it `amount` and added `reference`. */
const upcaster = new Upcaster({ PremiumPaymentRecorded: 3 }, [
  {
    type: 'PremiumPaymentRecorded',
    fromVersion: 1,
    upcast: (data) => {
      const { rupiah, ...rest } = data as { rupiah: number };
      return { ...rest, amount: rupiah, reference: 'unknown' };
    },
  },
  {
    type: 'PremiumPaymentRecorded',
    fromVersion: 2,
    upcast: (data) => ({ ...(data as object), currency: 'IDR' }),
  },
]);

describe('upcasting stored events', () => {
  it('brings v1 data up to the current version one step at a time', () => {
    const event = upcaster.upcast({
      type: 'PremiumPaymentRecorded',
      schemaVersion: 1,
      data: { paymentId: 'sp2d-1', rupiah: 94_080_000 },
    });
    expect(event).toEqual({
      type: 'PremiumPaymentRecorded',
      data: { paymentId: 'sp2d-1', amount: 94_080_000, reference: 'unknown', currency: 'IDR' },
    });
  });

  it('applies only the steps after the stored version', () => {
    const event = upcaster.upcast({
      type: 'PremiumPaymentRecorded',
      schemaVersion: 2,
      data: { paymentId: 'sp2d-2', amount: 1, reference: 'SP2D 12' },
    });
    expect(event.data).toEqual({ paymentId: 'sp2d-2', amount: 1, reference: 'SP2D 12', currency: 'IDR' });
  });

  it('passes data at the current version through unchanged', () => {
    const data = { paymentId: 'sp2d-3', amount: 1, reference: 'SP2D 13', currency: 'IDR' };
    expect(upcaster.upcast({ type: 'PremiumPaymentRecorded', schemaVersion: 3, data }).data).toBe(data);
  });

  it('throws when a step is missing', () => {
    const gap = new Upcaster({ MemberWithdrawn: 3 }, [
      { type: 'MemberWithdrawn', fromVersion: 1, upcast: (data) => data },
    ]);
    expect(() => gap.upcast({ type: 'MemberWithdrawn', schemaVersion: 1, data: {} })).toThrow(
      'no upcaster for MemberWithdrawn v2',
    );
  });

  it('throws on a version newer than this build understands', () => {
    expect(() => upcaster.upcast({ type: 'PremiumPaymentRecorded', schemaVersion: 4, data: {} })).toThrow(
      'PremiumPaymentRecorded v4 is newer than this build understands (v3)',
    );
  });

  it('throws on an unknown event type', () => {
    expect(() => upcaster.upcast({ type: 'AgreementRenamed', schemaVersion: 1, data: {} })).toThrow(
      'unknown event type AgreementRenamed',
    );
  });

  it("knows every event type of the product's streams at version 1", () => {
    const data = { nik: '5318011508850001', agreementId: 'a', claimId: 'c' };
    expect(eventUpcaster.upcast({ type: 'DeathBenefitClaimed', schemaVersion: 1, data }).data).toBe(data);
    expect(eventUpcaster.upcast({ type: 'AgreementTerminated', schemaVersion: 1, data }).data).toBe(data);
    expect(() => eventUpcaster.upcast({ type: 'AgreementSigned', schemaVersion: 2, data })).toThrow(/newer/);
  });
});
