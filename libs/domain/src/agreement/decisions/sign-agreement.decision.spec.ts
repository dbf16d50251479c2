import type { SignAgreement } from '../agreement.commands';
import { agreementSigned, given, SUMBA_BARAT_DAYA } from '../../testing/fixtures';

const sign = (data: Partial<SignAgreement['data']> = {}): SignAgreement => ({
  type: 'SignAgreement',
  data: { ...SUMBA_BARAT_DAYA, ...data },
});

describe('Rule 1: signing an agreement', () => {
  it('signs Sumba Barat Daya on 2025-10-28 with coverage starting before the signature, 2025-10-01', () => {
    given([])
      .when(sign(), { today: '2025-10-28' })
      .then([
        {
          type: 'AgreementSigned',
          data: {
            agreementId: 'sumba-barat-daya-2025',
            pksNumber: SUMBA_BARAT_DAYA.pksNumber,
            pemda: { regionCode: '53.18', name: 'Kabupaten Sumba Barat Daya' },
            branch: SUMBA_BARAT_DAYA.branch,
            signedOn: '2025-10-28',
            coverage: { start: '2025-10-01', end: '2025-12-31' },
            programs: ['JKK', 'JKM'],
            funding: { source: 'APBD', budget: 282_240_000 },
            defaultDeclaredIncome: 1_000_000,
          },
        },
      ]);
  });

  it('signs a provincial agreement (region PP) paid from APBD-P: Sulawesi Tengah, 2025-09-24', () => {
    const [event] = given([])
      .when(
        sign({
          agreementId: 'sulawesi-tengah-2025',
          pemda: { regionCode: '72', name: 'Provinsi Sulawesi Tengah' },
          signedOn: '2025-09-24',
          funding: { source: 'APBD-P', budget: 5_000_000_000 },
        }),
      )
      .then([expect.objectContaining({ type: 'AgreementSigned' })]);
    expect(event.data).toMatchObject({ pemda: { regionCode: '72' }, funding: { source: 'APBD-P' } });
  });

  it('records the agreement default declared income when one is given', () => {
    const [event] = given([])
      .when(sign({ defaultDeclaredIncome: 2_500_000 }))
      .then([expect.anything()]);
    expect(event.data).toMatchObject({ defaultDeclaredIncome: 2_500_000 });
  });

  it('uses an agreement id once, ever: signing it again is refused', () => {
    given([agreementSigned()]).when(sign()).thenThrows('AGREEMENT_EXISTS');
  });

  it('refuses the id of a terminated agreement too', () => {
    given([
      agreementSigned(),
      { type: 'AgreementTerminated', data: { effectiveDate: '2025-11-01', reason: 'APBD dipotong' } },
    ])
      .when(sign({ signedOn: '2025-11-05' }))
      .thenThrows('AGREEMENT_EXISTS');
  });

  it('refuses a signature dated after today', () => {
    given([])
      .when(sign(), { today: '2025-10-27' })
      .thenThrows('DATE_IN_FUTURE', { signedOn: '2025-10-28', today: '2025-10-27' });
  });

  it('refuses a coverage period that ends before it starts', () => {
    given([])
      .when(sign({ coverage: { start: '2025-10-01', end: '2025-09-30' } }))
      .thenThrows('INVALID_PERIOD', { start: '2025-10-01', end: '2025-09-30' });
  });

  it('accepts a coverage period of a single day (both ends inclusive)', () => {
    given([])
      .when(sign({ coverage: { start: '2025-10-01', end: '2025-10-01' } }))
      .then([expect.anything()]);
  });

  it('refuses coverage before the first scheduled contribution rate (2015-07-01)', () => {
    given([])
      .when(sign({ coverage: { start: '2015-06-30', end: '2015-12-31' }, signedOn: '2015-06-01' }))
      .thenThrows('INVALID_PERIOD');
  });

  it('names every invalid field at once', () => {
    given([])
      .when(
        sign({
          agreementId: 'X',
          pemda: { regionCode: '5318', name: '' },
          signedOn: '2025-02-30',
          programs: ['JKK'],
          funding: { source: 'APBN' as never, budget: 1.5 },
          defaultDeclaredIncome: 999_999,
        }),
      )
      .thenThrows('VALIDATION_FAILED', [
        { path: 'agreementId', reason: expect.any(String) },
        { path: 'pemda.regionCode', reason: 'must be PP or PP.KK' },
        { path: 'pemda.name', reason: expect.any(String) },
        { path: 'signedOn', reason: 'must be an existing calendar date YYYY-MM-DD' },
        { path: 'programs', reason: expect.stringContaining('JKK and JKM') },
        { path: 'funding.source', reason: 'must be one of APBD, APBD-P, APBDes, OTHER' },
        { path: 'funding.budget', reason: expect.stringContaining('whole number of rupiah') },
        { path: 'defaultDeclaredIncome', reason: 'must be a whole number of rupiah from 1000000 to 20700000' },
      ]);
  });

  it('refuses a region whose province is not one of the 38', () => {
    given([])
      .when(sign({ pemda: { regionCode: '99.01', name: 'Kabupaten Entah' } }))
      .thenThrows('VALIDATION_FAILED', [{ path: 'pemda.regionCode', reason: 'unknown province code' }]);
  });

  it.each(['APBD', 'APBD-P', 'APBDes', 'OTHER'] as const)('accepts funding from %s', (source) => {
    given([])
      .when(sign({ funding: { source, budget: 100_000_000 } }))
      .then([expect.anything()]);
  });
});
