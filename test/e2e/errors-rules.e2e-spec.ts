import { startApp, type RunningApp } from './support/app';
import {
  batchBody,
  cohortBody,
  deathBody,
  effectiveDateBody,
  extensionBody,
  nik,
  otherAgreementBody,
  paymentBody,
  signBody,
} from './support/bodies';
import { expectProblem, expectRefused } from './support/ledger';

/** 404, 409 and 422: commands that a business rule refuses; each appends nothing. */
const ID = 'ntt-rules-01';
const OTHER = 'ntt-rules-02';
const TERMINATED = 'ntt-rules-03';
const DIED = nik(0);
const ALIVE = nik(1);
const MEMBERS = 10;

describe('business rules over HTTP', () => {
  let running: RunningApp;
  const post = (path: string, body: object) => running.http.post(path).send(body);

  beforeAll(async () => {
    running = await startApp();
    // Budget for exactly 10 members x 3 months.
    await post('/agreements', otherAgreementBody(ID, '53.18', MEMBERS)).expect(201);
    await post(`/agreements/${ID}/cohorts`, cohortBody(MEMBERS)).expect(201);
    await post(`/agreements/${ID}/death-benefits`, deathBody(DIED)).expect(201);
    await post('/agreements', otherAgreementBody(OTHER, '53', MEMBERS)).expect(201);
    await post(`/agreements/${OTHER}/cohorts`, cohortBody([DIED, ALIVE])).expect(201);
    await post('/agreements', otherAgreementBody(TERMINATED, '53.01', MEMBERS)).expect(201);
    await post(`/agreements/${TERMINATED}/cohorts`, cohortBody(2, { first: 50 })).expect(201);
    await post(`/agreements/${TERMINATED}/termination`, effectiveDateBody('2025-11-01', 'APBD reallocated')).expect(
      201,
    );
  });
  afterAll(() => running?.close());

  describe('404', () => {
    it('AGREEMENT_NOT_FOUND for a command on an unknown agreement', async () => {
      await expectRefused(
        running.http,
        'no-such-pks',
        () => post('/agreements/no-such-pks/premium-payments', paymentBody('sp2d-1')),
        404,
        'AGREEMENT_NOT_FOUND',
      );
    });

    it('AGREEMENT_NOT_FOUND for queries on an unknown agreement', async () => {
      for (const path of ['', '/events', '/state?version=1']) {
        expectProblem(await running.http.get(`/agreements/no-such-pks${path}`), 404, 'AGREEMENT_NOT_FOUND');
      }
    });

    it('MEMBER_NOT_FOUND for a withdrawal or a death benefit of someone not enrolled here', async () => {
      const stranger = nik(9_000);
      await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/members/${stranger}/withdrawal`, effectiveDateBody('2025-12-01')),
        404,
        'MEMBER_NOT_FOUND',
      );
      await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/death-benefits`, deathBody(stranger)),
        404,
        'MEMBER_NOT_FOUND',
      );
    });
  });

  describe('409', () => {
    it('AGREEMENT_EXISTS: an id is used once, ever', async () => {
      await expectRefused(
        running.http,
        ID,
        () => post('/agreements', signBody({ agreementId: ID })),
        409,
        'AGREEMENT_EXISTS',
      );
    });

    it('MEMBER_ALREADY_ENROLLED: a NIK appears once per agreement, naming the row', async () => {
      const res = await expectRefused(
        running.http,
        OTHER,
        () => post(`/agreements/${OTHER}/cohorts/berkah-nelayan/members`, batchBody([nik(2), ALIVE])),
        409,
        'MEMBER_ALREADY_ENROLLED',
      );
      expect(JSON.stringify(res.body.details)).toContain('members[1].nik');
      await expectRefused(
        running.http,
        OTHER,
        () => post(`/agreements/${OTHER}/cohorts`, cohortBody([ALIVE], { cohortId: 'petani' })),
        409,
        'MEMBER_ALREADY_ENROLLED',
      );
    });

    it('BENEFIT_ALREADY_PAID: the same member twice', async () => {
      await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/death-benefits`, deathBody(DIED, { claimId: 'second-claim' })),
        409,
        'BENEFIT_ALREADY_PAID',
      );
    });

    it('BENEFIT_ALREADY_PAID: the same person at a second agreement', async () => {
      await expectRefused(
        running.http,
        OTHER,
        () => post(`/agreements/${OTHER}/death-benefits`, deathBody(DIED, { claimId: 'other-claim' })),
        409,
        'BENEFIT_ALREADY_PAID',
      );
    });

    it('AGREEMENT_TERMINATED: no enrolment and no extension after termination', async () => {
      await expectRefused(
        running.http,
        TERMINATED,
        () => post(`/agreements/${TERMINATED}/cohorts/berkah-nelayan/members`, batchBody(1, 60)),
        409,
        'AGREEMENT_TERMINATED',
      );
      await expectRefused(
        running.http,
        TERMINATED,
        () =>
          post(`/agreements/${TERMINATED}/extensions`, extensionBody('2026-12-31', { additionalBudget: 1_000_000 })),
        409,
        'AGREEMENT_TERMINATED',
      );
    });
  });

  describe('422', () => {
    it('BUDGET_EXCEEDED with the expected premium and the ceiling', async () => {
      const res = await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/cohorts/berkah-nelayan/members`, batchBody(1, 100)),
        422,
        'BUDGET_EXCEEDED',
      );
      // 10 members x 3 months - the month after the death + 1 new member x 3 months.
      expect(res.body.details).toEqual({ expectedPremium: (30 - 1 + 3) * 16_800, ceiling: 30 * 16_800 });
    });

    it('BUDGET_EXCEEDED for an extension without additional budget', async () => {
      const res = await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/extensions`, extensionBody('2026-03-31')),
        422,
        'BUDGET_EXCEEDED',
      );
      expect(res.body.details).toMatchObject({ ceiling: 30 * 16_800 });
    });

    it('NOT_COVERED: a death before the coverage started', async () => {
      await expectRefused(
        running.http,
        ID,
        () =>
          post(
            `/agreements/${ID}/death-benefits`,
            deathBody(ALIVE, { dateOfDeath: '2025-09-20', paidOn: '2025-09-25' }),
          ),
        422,
        'NOT_COVERED',
      );
    });

    it('INVALID_PERIOD: an extension that does not extend, a coverage that ends before it starts', async () => {
      await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/extensions`, extensionBody('2025-11-30', { additionalBudget: 1_000_000 })),
        422,
        'INVALID_PERIOD',
      );
      await expectRefused(
        running.http,
        'ntt-rules-04',
        () =>
          post(
            '/agreements',
            signBody({ agreementId: 'ntt-rules-04', coverage: { start: '2025-10-01', end: '2025-09-30' } }),
          ),
        422,
        'INVALID_PERIOD',
      );
    });

    it('INVALID_PERIOD: a batch effective after the agreement ends', async () => {
      await expectRefused(
        running.http,
        OTHER,
        () =>
          post(`/agreements/${OTHER}/cohorts/berkah-nelayan/members`, {
            ...batchBody(1, 300),
            effectiveFrom: '2026-01-15',
          }),
        422,
        'INVALID_PERIOD',
      );
    });

    it('DATE_IN_FUTURE: a signature, a payment and a death in 2099', async () => {
      await expectRefused(
        running.http,
        'ntt-rules-05',
        () => post('/agreements', signBody({ agreementId: 'ntt-rules-05', signedOn: '2099-01-01' })),
        422,
        'DATE_IN_FUTURE',
      );
      await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/premium-payments`, paymentBody('sp2d-2099', { paidOn: '2099-01-01' })),
        422,
        'DATE_IN_FUTURE',
      );
      await expectRefused(
        running.http,
        ID,
        () =>
          post(
            `/agreements/${ID}/death-benefits`,
            deathBody(ALIVE, { dateOfDeath: '2099-01-01', paidOn: '2099-01-02' }),
          ),
        422,
        'DATE_IN_FUTURE',
      );
    });
  });
});
