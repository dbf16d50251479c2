import type { Http } from './app';
import { cohortBody, deathBody, effectiveDateBody, niks, otherAgreementBody, paymentBody, signBody } from './bodies';

/**
 * A small ledger of several Pemda for the read-model queries:
 * - NTT (53): Sumba Barat Daya (53.18), October-December 2025, four workers: one dies (JKM) on 2025-11-10, one
 *   in a work accident (JKK) on 2025-12-05, one withdrawn from 2025-12-01; Rp100,000 paid. Sumba Timur (53.02),
 *   November-December 2025, two other workers.
 * - Sulawesi Tengah (72): the province, October-December 2025, three workers; Donggala (72.01), from November
 *   2025 to 2099, two of the province's workers and one more (double funding in November and December 2025);
 *   Sigi (72.10), terminated.
 */
export const REGIONS = {
  sbd: 'sbd-2025-pks-01',
  sumbaTimur: 'sumba-timur-2025-pks',
  sulteng: 'sulteng-2025-pks',
  donggala: 'donggala-2025-pks',
  sigi: 'sigi-2025-pks',
  sbdWorkers: niks(4),
  sumbaTimurWorkers: niks(2, 100, '530201'),
  sultengWorkers: niks(3, 0, '720101'),
  donggalaWorkers: [...niks(2, 1, '720101'), ...niks(1, 3, '720101')],
} as const;

export async function seedRegions(http: Http): Promise<void> {
  const post = (path: string, body: object) => http.post(path).send(body).expect(201);
  const r = REGIONS;
  const [jkm, jkk, withdrawn] = r.sbdWorkers;
  await post('/agreements', signBody({ agreementId: r.sbd }));
  await post(`/agreements/${r.sbd}/cohorts`, cohortBody(r.sbdWorkers));
  await post(`/agreements/${r.sbd}/death-benefits`, deathBody(jkm, { claimId: 'sbd-jkm-0001' }));
  await post(
    `/agreements/${r.sbd}/death-benefits`,
    deathBody(jkk, {
      claimId: 'sbd-jkk-0001',
      cause: 'work-accident',
      dateOfDeath: '2025-12-05',
      paidOn: '2025-12-08',
    }),
  );
  await post(`/agreements/${r.sbd}/members/${withdrawn}/withdrawal`, effectiveDateBody('2025-12-01'));
  await post(`/agreements/${r.sbd}/premium-payments`, paymentBody('sp2d-sbd-0001', { amount: 100_000 }));

  await post(
    '/agreements',
    otherAgreementBody(r.sumbaTimur, '53.02', 2, { coverage: { start: '2025-11-01', end: '2025-12-31' } }),
  );
  await post(`/agreements/${r.sumbaTimur}/cohorts`, cohortBody(r.sumbaTimurWorkers));

  await post('/agreements', otherAgreementBody(r.sulteng, '72', 3));
  await post(`/agreements/${r.sulteng}/cohorts`, cohortBody(r.sultengWorkers, { cohortId: 'pekerja-rentan' }));
  await post(
    '/agreements',
    otherAgreementBody(r.donggala, '72.01', 3, {
      coverage: { start: '2025-11-01', end: '2099-12-31' },
      funding: { source: 'APBD', budget: 3 * 890 * 16_800 },
    }),
  );
  await post(`/agreements/${r.donggala}/cohorts`, cohortBody(r.donggalaWorkers, { cohortId: 'berkah-petani' }));
  await post('/agreements', otherAgreementBody(r.sigi, '72.10', 3));
  await post(`/agreements/${r.sigi}/termination`, effectiveDateBody('2025-11-01', 'APBD-P reallocated'));
}
