import { startApp, type Http, type RunningApp } from './support/app';
import {
  SBD,
  batchBody,
  cohortBody,
  deathBody,
  effectiveDateBody,
  extensionBody,
  nik,
  paymentBody,
  signBody,
} from './support/bodies';
import { summary } from './support/ledger';

/**
 * The Sumba Barat Daya PKS over HTTP, from signature to termination (DOMAIN.md figures): 5,600 workers in two
 * batches, premium, a JKM and a JKK death, a withdrawal, an extension with APBD 2026 and a termination.
 */
const ID = SBD.agreementId;
const PER_MONTH = SBD.monthlyContribution;
/** A header a client may forge: the actor is the token's subject whatever it says. */
const FORGED = { 'X-Actor': 'kepala-dinas' };
const JKM_DEATH = nik(0);
const JKK_DEATH = nik(1);
const WITHDRAWN = nik(2);

describe('PKS lifecycle over HTTP (Sumba Barat Daya)', () => {
  let running: RunningApp;
  let lastPosition = 0;
  /** The BPJS branch officer of Sumba runs the agreement's life; the Pemda's treasurer records its payments. */
  let officer: Http;
  let treasurer: Http;

  beforeAll(async () => {
    running = await startApp();
    officer = running.as(
      await running.token({ sub: 'operator@bpjs-sumba', roles: ['branch-officer'], branches: ['SUMBA'] }),
    );
    treasurer = running.as(await running.token({ sub: 'bendahara@sbd', roles: ['finance'], regions: ['53.18'] }));
  });
  afterAll(() => running?.close());

  function expectAccepted(body: Record<string, unknown>, version: number): void {
    expect(body).toMatchObject({ agreementId: ID, version });
    expect(Number.isSafeInteger(body.position)).toBe(true);
    expect(body.position as number).toBeGreaterThan(lastPosition);
    lastPosition = body.position as number;
  }

  it('signs the agreement: 201 with version 1 and a position', async () => {
    const res = await officer.post('/agreements').set(FORGED).send(signBody()).expect(201);
    expect(Object.keys(res.body).sort()).toEqual(['agreementId', 'position', 'version']);
    expectAccepted(res.body, 1);
  });

  it('enrols a cohort of 5,600 in two batches: the first 5,000, then 600 more', async () => {
    const first = await officer.post(`/agreements/${ID}/cohorts`).set(FORGED).send(cohortBody(5_000)).expect(201);
    expectAccepted(first.body, 2);
    const next = await officer
      .post(`/agreements/${ID}/cohorts/berkah-nelayan/members`)
      .set(FORGED)
      .send(batchBody(600, 5_000))
      .expect(201);
    expectAccepted(next.body, 3);
  });

  it('prices 5,600 members x 3 months x Rp16,800 = Rp282,240,000', async () => {
    const view = await summary(running.http, ID);
    expect(view).toMatchObject({
      agreementId: ID,
      pemda: { regionCode: '53.18', name: 'Kabupaten Sumba Barat Daya' },
      branch: { code: 'SUMBA' },
      pksNumber: '560/412/DISNAKERTRANS/X/2025',
      signedOn: '2025-10-28',
      coverage: { start: '2025-10-01', end: '2025-12-31' },
      budget: 282_240_000,
      cohorts: [{ cohortId: 'berkah-nelayan', name: 'Program Berkah Nelayan', members: 5_600 }],
      members: 5_600,
      expectedPremium: 282_240_000,
      paidPremium: 0,
      benefits: { count: 0, total: 0 },
      version: 3,
    });
    expect(['active', 'expired']).toContain(view.status);
  });

  it('records a premium payment', async () => {
    const res = await treasurer
      .post(`/agreements/${ID}/premium-payments`)
      .set(FORGED)
      .send(paymentBody('sp2d-2025-10-0031'))
      .expect(201);
    expectAccepted(res.body, 4);
    expect((await summary(running.http, ID)).paidPremium).toBe(94_080_000);
  });

  it('pays the JKM death benefit of Rp42,000,000 for a death on 2025-11-10', async () => {
    const res = await officer
      .post(`/agreements/${ID}/death-benefits`)
      .set(FORGED)
      .send(deathBody(JKM_DEATH))
      .expect(201);
    expectAccepted(res.body, 5);
    expect(res.body.benefit).toMatchObject({
      program: 'JKM',
      components: { lumpSum: 20_000_000, periodic: 12_000_000, funeral: 10_000_000 },
      total: 42_000_000,
      scholarshipEligible: false,
    });
    expect(res.body.benefit.components).not.toHaveProperty('deathCompensation');
  });

  it('pays the JKK benefit of a work accident: 48 x Rp1,000,000 + periodic + funeral = Rp70,000,000', async () => {
    const res = await officer
      .post(`/agreements/${ID}/death-benefits`)
      .set(FORGED)
      .send(
        deathBody(JKK_DEATH, {
          claimId: 'sbd-jkk-0001',
          cause: 'work-accident',
          heir: { name: 'Petrus', relationship: 'child' },
        }),
      )
      .expect(201);
    expectAccepted(res.body, 6);
    expect(res.body.benefit).toMatchObject({
      program: 'JKK',
      components: { deathCompensation: 48_000_000, periodic: 12_000_000, funeral: 10_000_000 },
      total: 70_000_000,
      scholarshipEligible: true,
    });
    expect(res.body.benefit.components).not.toHaveProperty('lumpSum');
  });

  it('drops the months after each death from the expected premium', async () => {
    // Both died in November: October and November stay due, December does not.
    const view = await summary(running.http, ID);
    expect(view.members).toBe(5_600);
    expect(view.expectedPremium).toBe(282_240_000 - 2 * PER_MONTH);
    expect(view.benefits).toEqual({ count: 2, total: 112_000_000 });
  });

  it('withdraws a member from 2025-12-01: December is no longer due', async () => {
    const res = await officer
      .post(`/agreements/${ID}/members/${WITHDRAWN}/withdrawal`)
      .set(FORGED)
      .send(effectiveDateBody('2025-12-01'))
      .expect(201);
    expectAccepted(res.body, 7);
    expect((await summary(running.http, ID)).expectedPremium).toBe(282_240_000 - 3 * PER_MONTH);
  });

  it('extends the period to 2026-12-31 with additional budget from the APBD 2026', async () => {
    const res = await officer
      .post(`/agreements/${ID}/extensions`)
      .set(FORGED)
      .send(extensionBody('2026-12-31', { additionalBudget: 1_128_960_000 }))
      .expect(201);
    expectAccepted(res.body, 8);
    const view = await summary(running.http, ID);
    expect(view.coverage).toMatchObject({ start: '2025-10-01', end: '2026-12-31' });
    expect(view.budget).toBe(282_240_000 + 1_128_960_000);
    // The 5,597 still covered on 2025-12-31 continue 12 months; the other three keep October and November.
    expect(view.expectedPremium).toBe(5_597 * 15 * PER_MONTH + 3 * 2 * PER_MONTH);
  });

  it('terminates the agreement from 2026-07-01: the months from July 2026 are no longer due', async () => {
    const res = await officer
      .post(`/agreements/${ID}/termination`)
      .set(FORGED)
      .send(effectiveDateBody('2026-07-01', 'APBD reallocated'))
      .expect(201);
    expectAccepted(res.body, 9);
    const view = await summary(running.http, ID);
    expect(view.status).toBe('terminated');
    expect(view.coverage.end).toBe('2026-12-31');
    expect(view.expectedPremium).toBe(5_597 * 9 * PER_MONTH + 3 * 2 * PER_MONTH);
    expect(view).toMatchObject({ paidPremium: 94_080_000, benefits: { count: 2, total: 112_000_000 }, version: 9 });
  });

  it('keeps every step in the audit history, in stream order', async () => {
    const res = await running.http.get(`/agreements/${ID}/events`).expect(200);
    expect(res.body.items.map((e: { type: string }) => e.type)).toEqual([
      'AgreementSigned',
      'CohortEnrolled',
      'CohortBatchEnrolled',
      'PremiumPaymentRecorded',
      'DeathBenefitPaid',
      'DeathBenefitPaid',
      'MemberWithdrawn',
      'PeriodExtended',
      'AgreementTerminated',
    ]);
    expect(res.body.items.map((e: { version: number }) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Each step by the token's subject, in the role it acted in; the forged X-Actor header changed nothing.
    const who = res.body.items.map((e: { metadata: { actor: string; role: string } }) => [
      e.metadata.actor,
      e.metadata.role,
    ]);
    const officerStep = ['operator@bpjs-sumba', 'branch-officer'];
    expect(who).toEqual([
      officerStep,
      officerStep,
      officerStep,
      ['bendahara@sbd', 'finance'],
      officerStep,
      officerStep,
      officerStep,
      officerStep,
      officerStep,
    ]);
  });

  it('links every event of the history to the hash of the one before', async () => {
    const { items } = (await running.http.get(`/agreements/${ID}/events`).expect(200)).body;
    expect(items[0].metadata.previousHash).toBeNull();
    items
      .slice(1)
      .forEach((item: { metadata: { previousHash: string } }, i: number) =>
        expect(item.metadata.previousHash).toBe(items[i].metadata.hash),
      );
  });

  it('shows the agreement as it stood at version 2: the first batch of 5,000 only', async () => {
    const res = await running.http.get(`/agreements/${ID}/state`).query({ version: 2 }).expect(200);
    expect(res.body).toMatchObject({
      version: 2,
      members: 5_000,
      expectedPremium: 5_000 * 3 * PER_MONTH,
      paidPremium: 0,
      benefits: { count: 0, total: 0 },
      coverage: { end: '2025-12-31' },
    });
    expect(res.body.status).not.toBe('terminated');
  });
});
