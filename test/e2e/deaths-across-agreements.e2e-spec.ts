import { startApp, type RunningApp } from './support/app';
import { cohortBody, deathBody, effectiveDateBody, niks, otherAgreementBody } from './support/bodies';
import { eventCount, eventually, expectProblem, sleep } from './support/ledger';

/** Rules 2 and 9 across agreements: the write-side facts of people, and the death-spread reactor. */
const PROVINCE = 'sulteng-deaths-2025';
const REGENCY = 'palu-deaths-2025';
const LATE = 'donggala-deaths-2025';
const WORKERS = niks(8, 0, '720101');

describe('deaths across agreements over HTTP', () => {
  let running: RunningApp;
  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    running.http.post(path).set(headers).send(body);
  const head = async () => (await running.http.get('/health').expect(200)).body.headPosition as number;
  /** The head once the reactors have done what the last commands called for. */
  const settledHead = async () => {
    await sleep(300);
    return head();
  };

  beforeAll(async () => {
    running = await startApp();
    await post('/agreements', otherAgreementBody(PROVINCE, '72', 100)).expect(201);
    await post('/agreements', otherAgreementBody(REGENCY, '72.71', 100)).expect(201);
    await post(
      '/agreements',
      otherAgreementBody(LATE, '72.03', 100, { coverage: { start: '2025-10-01', end: '2025-12-31' } }),
    ).expect(201);
    await post(`/agreements/${PROVINCE}/cohorts`, cohortBody(WORKERS, { cohortId: 'pekerja-rentan' })).expect(201);
    await post(`/agreements/${REGENCY}/cohorts`, cohortBody(WORKERS.slice(0, 4), { cohortId: 'nelayan' })).expect(201);
  });
  afterAll(() => running?.close());

  it('ends the coverage in the other agreement with no retry by the client', async () => {
    await post(`/agreements/${PROVINCE}/death-benefits`, deathBody(WORKERS[0], { claimId: 'jkm-w0' })).expect(201);
    const history = await eventually(
      async () => (await running.http.get(`/agreements/${REGENCY}/events`).query({ limit: 1000 })).body.items,
      (items: { type: string }[]) => items.at(-1)?.type === 'MemberDied',
    );
    expect(history.at(-1)).toMatchObject({
      type: 'MemberDied',
      data: { nik: WORKERS[0], dateOfDeath: '2025-11-10', benefitAgreementId: PROVINCE, benefitClaimId: 'jkm-w0' },
      metadata: { via: 'reactor:death-spread' },
    });
  });

  it('appends nothing anywhere when a paid claim is sent again with its Idempotency-Key', async () => {
    const key = 'jkm-w1-first';
    const first = await post(`/agreements/${PROVINCE}/death-benefits`, deathBody(WORKERS[1], { claimId: 'jkm-w1' }), {
      'Idempotency-Key': key,
    }).expect(201);
    const before = await settledHead();
    for (let i = 0; i < 3; i++) {
      const again = await post(`/agreements/${PROVINCE}/death-benefits`, deathBody(WORKERS[1], { claimId: 'jkm-w1' }), {
        'Idempotency-Key': key,
      }).expect(201);
      expect(again.body).toEqual(first.body);
    }
    expect(await settledHead()).toBe(before);
  });

  it('refuses to enrol a worker from after their death, whole, naming the row: 422 MEMBER_DECEASED', async () => {
    const before = await settledHead();
    const res = await post(`/agreements/${LATE}/cohorts`, {
      ...cohortBody([WORKERS[5], WORKERS[0]], { cohortId: 'susulan' }),
      effectiveFrom: '2025-12-01',
    });
    expectProblem(res, 422, 'MEMBER_DECEASED');
    expect(res.body.details).toEqual([{ path: 'members[1].nik', dateOfDeath: '2025-11-10' }]);
    expect(await settledHead()).toBe(before);
    expect(await eventCount(running.http, LATE)).toBe(1);
  });

  it('enrols a worker from before their death and ends that coverage on the date of death, in one append', async () => {
    const res = await post(`/agreements/${LATE}/cohorts`, cohortBody([WORKERS[0], WORKERS[6]], { cohortId: 'awal' }));
    expect(res.status).toBe(201);
    const items = (await running.http.get(`/agreements/${LATE}/events`).expect(200)).body.items;
    expect(items.map((e: { type: string }) => e.type)).toEqual(['AgreementSigned', 'CohortEnrolled', 'MemberDied']);
    expect(items[2].data).toMatchObject({ nik: WORKERS[0], dateOfDeath: '2025-11-10' });
    expect(res.body.version).toBe(3);
  });

  it('appends nothing anywhere for whichever of a withdrawal and a claim loses their race', async () => {
    // Every agreement of this ledger, by event count; where positions are dense (SQLite, README "Positions") the
    // head also counts the events of every stream.
    const counts = () => Promise.all([PROVINCE, REGENCY, LATE].map((id) => eventCount(running.http, id)));
    const densePositions = running.config.eventStore !== 'eventstoredb';
    for (const [round, person] of [WORKERS[2], WORKERS[3]].entries()) {
      const before = await settledHead();
      const [province, regency, late] = await counts();
      const [withdrawal, claim] = await Promise.all([
        post(`/agreements/${REGENCY}/members/${person}/withdrawal`, effectiveDateBody('2025-10-01')),
        post(
          `/agreements/${REGENCY}/death-benefits`,
          deathBody(person, { claimId: `jkm-race-${round}`, dateOfDeath: '2025-11-01' }),
        ),
      ]);
      if (withdrawal.status === 201) {
        expectProblem(claim, 422, 'NOT_COVERED');
      } else {
        // The benefit won: the withdrawal would reach back past it; the reactor records the death in the province.
        expect(claim.status).toBe(201);
        expectProblem(withdrawal, 422, 'INVALID_PERIOD');
      }
      const byReactor = withdrawal.status === 201 ? 0 : 1;
      const head = await settledHead();
      expect(await counts()).toEqual([province + byReactor, regency + 1, late]);
      if (densePositions) expect(head).toBe(before + 1 + byReactor);
      else expect(head).toBeGreaterThan(before);
    }
  });
});
