import { startApp, type RunningApp } from './support/app';
import {
  batchBody,
  cohortBody,
  deathBody,
  nik,
  niks,
  otherAgreementBody,
  paymentBody,
  signBody,
} from './support/bodies';
import { eventCount, eventually, expectProblem, snapshot, summary } from './support/ledger';

/** Many clients at once: lost races are retried, If-Match and the once-per-person benefit hold. */
const ID = 'sbd-concurrency-01';
const PROVINCE = 'sulteng-2025-pks';
const REGENCY = 'donggala-2025-pks';
const PEOPLE = niks(6, 0, '720101');
const TWINS = niks(3, 100, '720101');

describe('concurrent commands over HTTP', () => {
  let running: RunningApp;
  const post = (path: string, body: object) => running.http.post(path).send(body);

  beforeAll(async () => {
    running = await startApp();
    await post('/agreements', signBody({ agreementId: ID })).expect(201);
    await post(`/agreements/${ID}/cohorts`, cohortBody(10)).expect(201);
    await post('/agreements', otherAgreementBody(PROVINCE, '72', 100)).expect(201);
    await post('/agreements', otherAgreementBody(REGENCY, '72.01', 100)).expect(201);
    await post(
      `/agreements/${PROVINCE}/cohorts`,
      cohortBody([...PEOPLE, ...TWINS], { cohortId: 'pekerja-rentan' }),
    ).expect(201);
    await post(
      `/agreements/${REGENCY}/cohorts`,
      cohortBody([...PEOPLE, ...TWINS], { cohortId: 'berkah-petani' }),
    ).expect(201);
  });
  afterAll(() => running?.close());

  it('accepts 16 concurrent payments without If-Match, each at its own version: none is refused', async () => {
    const before = await summary(running.http, ID);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        post(`/agreements/${ID}/premium-payments`, paymentBody(`sp2d-concurrent-${i}`, { amount: 1_000_000 + i })),
      ),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(16).fill(201));
    const versions = answers.map((res) => res.body.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 16 }, (_, i) => before.version + 1 + i));
    expect(new Set(answers.map((res) => res.body.position)).size).toBe(16);
    const after = await summary(running.http, ID);
    expect(after.version).toBe(before.version + 16);
    expect(after.paidPremium).toBe(before.paidPremium + 16 * 1_000_000 + 120);
  });

  it('lets exactly one of several commands with the same If-Match through; the others get 412', async () => {
    const { version } = await summary(running.http, ID);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        running.http
          .post(`/agreements/${ID}/premium-payments`)
          .set('If-Match', `"${version}"`)
          .send(paymentBody(`sp2d-if-match-${i}`, { amount: 500_000 })),
      ),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([201, 412, 412, 412, 412, 412]);
    for (const res of answers.filter((r) => r.status === 412)) expectProblem(res, 412, 'VERSION_CONFLICT');
    expect(answers.find((res) => res.status === 201)?.body.version).toBe(version + 1);
    expect(await eventCount(running.http, ID)).toBe(version + 1);
  });

  it('appends once for concurrent retries with the same Idempotency-Key, answering each alike', async () => {
    const before = await snapshot(running.http, ID);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        running.http
          .post(`/agreements/${ID}/premium-payments`)
          .set('Idempotency-Key', 'sp2d-retry-storm')
          .send(paymentBody('sp2d-retry-storm', { amount: 700_000 })),
      ),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(5).fill(201));
    for (const res of answers) expect(res.body).toEqual(answers[0].body);
    expect(await snapshot(running.http, ID)).toEqual({ events: before.events + 1, headPosition: expect.any(Number) });
  });

  it('pays the death benefit of one person once when two agreements claim it at the same moment', async () => {
    for (const [round, person] of PEOPLE.entries()) {
      const eventsBefore = (await eventCount(running.http, PROVINCE)) + (await eventCount(running.http, REGENCY));
      const claim = (agreementId: string) =>
        post(
          `/agreements/${agreementId}/death-benefits`,
          deathBody(person, {
            claimId: `${agreementId}-${round}`,
            cause: round % 2 === 0 ? 'natural' : 'work-accident',
          }),
        );
      const [a, b] = await Promise.all(
        round % 2 === 0 ? [claim(PROVINCE), claim(REGENCY)] : [claim(REGENCY), claim(PROVINCE)],
      );
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expectProblem(a.status === 409 ? a : b, 409, 'BENEFIT_ALREADY_PAID');
      // The winner records the benefit; the death-spread reactor records the death in the other agreement,
      // which ends the coverage there, a moment later.
      const total = async () => (await eventCount(running.http, PROVINCE)) + (await eventCount(running.http, REGENCY));
      expect(await eventually(total, (n) => n === eventsBefore + 2)).toBe(eventsBefore + 2);
      const loser = a.status === 409 ? (round % 2 === 0 ? PROVINCE : REGENCY) : round % 2 === 0 ? REGENCY : PROVINCE;
      const history = await running.http.get(`/agreements/${loser}/events`).query({ limit: 1000 }).expect(200);
      expect(history.body.items.at(-1)).toMatchObject({ type: 'MemberDied', data: { nik: person } });
    }
    const province = await summary(running.http, PROVINCE);
    const regency = await summary(running.http, REGENCY);
    const jkm = 42_000_000;
    const jkk = 70_000_000;
    expect(province.benefits.count + regency.benefits.count).toBe(PEOPLE.length);
    expect(province.benefits.total + regency.benefits.total).toBe(3 * jkm + 3 * jkk);
  });

  it('refuses a later claim of any of these people at either agreement', async () => {
    for (const agreementId of [PROVINCE, REGENCY]) {
      const res = await post(
        `/agreements/${agreementId}/death-benefits`,
        deathBody(PEOPLE[0], { claimId: `late-${agreementId}` }),
      );
      expectProblem(res, 409, 'BENEFIT_ALREADY_PAID');
    }
  });

  it('signs an agreement id once when several clients sign it at the same moment', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        post('/agreements', signBody({ agreementId: 'sbd-race-01', pksNumber: `560/${i}/2025` })),
      ),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([201, 409, 409, 409]);
    for (const res of answers.filter((r) => r.status === 409)) expectProblem(res, 409, 'AGREEMENT_EXISTS');
    expect(await eventCount(running.http, 'sbd-race-01')).toBe(1);
  });

  it('enrols a NIK once when two batches carrying it arrive at the same moment', async () => {
    const before = await eventCount(running.http, ID);
    const shared = nik(500);
    const [a, b] = await Promise.all([
      post(`/agreements/${ID}/cohorts/berkah-nelayan/members`, batchBody([shared, nik(501)])),
      post(`/agreements/${ID}/cohorts/berkah-nelayan/members`, batchBody([nik(502), shared])),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expectProblem(a.status === 409 ? a : b, 409, 'MEMBER_ALREADY_ENROLLED');
    expect(await eventCount(running.http, ID)).toBe(before + 1);
    expect((await summary(running.http, ID)).members).toBe(12);
  });

  it('pays one death benefit when two claims for the same member reach one agreement together', async () => {
    const before = await snapshot(running.http, ID);
    const [a, b] = await Promise.all([
      post(`/agreements/${ID}/death-benefits`, deathBody(nik(5), { claimId: 'claim-a' })),
      post(`/agreements/${ID}/death-benefits`, deathBody(nik(5), { claimId: 'claim-b' })),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expectProblem(a.status === 409 ? a : b, 409, 'BENEFIT_ALREADY_PAID');
    expect((await snapshot(running.http, ID)).events).toBe(before.events + 1);
    expect((await summary(running.http, ID)).benefits).toEqual({ count: 1, total: 42_000_000 });
  });

  it("keeps the person's claim when the twin of a paid claim is refused (no key, If-Match, or a reused key)", async () => {
    const variants = [
      (_i: number) => ({}),
      (i: number) => ({ 'If-Match': `"${i}"` }),
      (i: number) => ({ 'Idempotency-Key': 'twin-key' + i }),
    ];
    for (const [round, person] of TWINS.entries()) {
      const { version } = await summary(running.http, PROVINCE);
      const headers = variants[round](version) as Record<string, string>;
      const twin = (heir: string) =>
        running.http
          .post(`/agreements/${PROVINCE}/death-benefits`)
          .set(headers)
          .send(deathBody(person, { claimId: `twin-${round}`, heir: { name: heir, relationship: 'spouse' } }));
      const answers = await Promise.all([twin('Maria'), twin(round === 2 ? 'Yohana' : 'Maria')]);
      expect(answers.map((res) => res.status)).toContain(201);
      const later = await post(
        `/agreements/${REGENCY}/death-benefits`,
        deathBody(person, { claimId: `later-${round}` }),
      );
      expectProblem(later, 409, 'BENEFIT_ALREADY_PAID');
    }
  });
});
