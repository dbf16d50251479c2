import { cohortBody, paymentBody, signBody } from '../e2e/support/bodies';
import { expectProblem } from '../e2e/support/ledger';
import { startAppOn, type AppOnStandIn } from './support/app-on-stand-in';
import { WireStandIn } from './wire-stand-in/wire-stand-in';

const ID = 'sbd-2025-pks-01';
const LIMIT = 64 * 1024;

/**
 * What a client of the API sees when EventStoreDB misbehaves as a real cluster does, with the app on the
 * EventStoreDB adapter and the wire stand-in of each test (faults injected there).
 */
describe('the HTTP API on the EventStoreDB adapter, on the wire stand-in with injected faults', () => {
  let standIn: WireStandIn;
  let app: AppOnStandIn | undefined;
  const sign = () => app!.http.post('/agreements').send(signBody());
  /** Records of the ledger's own streams (the app also writes reactor checkpoints, at its own pace). */
  const ledgerRecords = () => {
    let count = 0;
    for (let i = 0; i < standIn.log.length; i++) {
      if (/\.(agreement|person|idempotency)-/.test(standIn.log.at(i)!.streamName)) count += 1;
    }
    return count;
  };
  beforeEach(async () => {
    standIn = await WireStandIn.start({ nodes: 2, commitTimeoutMs: 100, maxAppendSizeBytes: LIMIT });
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await standIn.close();
  });

  it.each(['not-ready', 'too-busy'] as const)(
    'answers 503 STORE_UNAVAILABLE with Retry-After when the node is %s, appending nothing',
    async (kind) => {
      app = await startAppOn(standIn.connectionString());
      const before = ledgerRecords();
      standIn.faults.onAppend(/agreement-/, { kind });
      const refused = await sign();
      expectProblem(refused, 503, 'STORE_UNAVAILABLE');
      expect(refused.headers['retry-after']).toBe('1');
      expect(ledgerRecords()).toBe(before);
      expect((await sign()).status).toBe(201);
    },
  );

  it('answers 503 STORE_UNAVAILABLE with Retry-After while no node of the cluster can be discovered', async () => {
    for (const node of standIn.nodes) node.gossipUp = false;
    const params = 'maxDiscoverAttempts=2&discoveryInterval=10&gossipTimeout=1';
    app = await startAppOn(standIn.connectionString(standIn.nodes, params));
    const refused = await sign();
    expectProblem(refused, 503, 'STORE_UNAVAILABLE');
    expect(refused.headers['retry-after']).toBe('1');
    for (const node of standIn.nodes) node.gossipUp = true;
    expect((await sign()).status).toBe(201);
  });

  it('takes a command through a follower, on the leader it names', async () => {
    standIn.elect(standIn.nodes[1]);
    app = await startAppOn(standIn.connectionString([standIn.nodes[0]]));
    expect((await sign()).status).toBe(201);
  });

  it('resolves a command the server timed out on by its Idempotency-Key: the retry gets the first answer', async () => {
    app = await startAppOn(standIn.connectionString());
    await sign().expect(201);
    const pay = () =>
      app!.http.post(`/agreements/${ID}/premium-payments`).set('Idempotency-Key', 'sp2d-1').send(paymentBody('sp2d-1'));
    standIn.faults.onAppend(/agreement-/, { kind: 'commit-timeout', lands: true });
    const unknown = await pay();
    expectProblem(unknown, 503, 'STORE_UNAVAILABLE');
    expect(unknown.headers['retry-after']).toBe('1');
    const retried = await pay();
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ agreementId: ID, version: 2 });
    expect((await pay()).body).toEqual(retried.body);
    const events = await app.http.get(`/agreements/${ID}/events`).expect(200);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual([
      'AgreementSigned',
      'PremiumPaymentRecorded',
    ]);
  });

  it('refuses with 413 an enrolment whose events exceed the max append size though its body is under it', async () => {
    app = await startAppOn(standIn.connectionString(), { EVENTSTORE_MAX_APPEND_SIZE: String(LIMIT) });
    await sign().expect(201);
    let members = 100;
    while (JSON.stringify(cohortBody(members + 20)).length < LIMIT * 0.9) members += 20;
    const body = cohortBody(members);
    expect(JSON.stringify(body).length).toBeLessThan(LIMIT);
    const before = ledgerRecords();
    const refused = await app.http.post(`/agreements/${ID}/cohorts`).send(body);
    expectProblem(refused, 413, 'PAYLOAD_TOO_LARGE');
    expect(refused.body.details).toEqual({ limitBytes: LIMIT, sizeBytes: expect.any(Number) });
    expect(refused.body.details.sizeBytes).toBeGreaterThan(LIMIT);
    expect(ledgerRecords()).toBe(before);
    await app.http
      .post(`/agreements/${ID}/cohorts`)
      .send(cohortBody(members / 2))
      .expect(201);
  });
});
