import { agreementStreamId } from '@pks/domain';
import { hashEvent } from '@pks/event-store';
import { startApp, type RunningApp } from './support/app';
import { batchBody, cohortBody, paymentBody, signBody } from './support/bodies';
import { sleep } from './support/ledger';

/** Auditors replay what happened: the event history with its metadata and hash chain, and past states. */
const ID = 'sbd-audit-01';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

interface Item {
  version: number;
  position: number;
  type: string;
  data: unknown;
  metadata: Record<string, string | number | null>;
}

describe('audit history and past states over HTTP', () => {
  let running: RunningApp;
  const answers: { version: number; position: number }[] = [];

  beforeAll(async () => {
    running = await startApp();
    const officer = (sub: string) => running.token({ sub, roles: ['branch-officer'], branches: ['SUMBA'] });
    const tokens = {
      head: await officer('kepala-cabang'),
      first: await officer('operator-1'),
      second: await officer('operator-2'),
      treasurer: await running.token({ sub: 'bendahara', roles: ['finance'], regions: ['53'] }),
    };
    const send = async (token: string, path: string, body: object, headers: Record<string, string> = {}) => {
      // Each says it is the head of the Dinas: the token's subject is the actor all the same.
      const res = await running
        .as(token)
        .post(path)
        .set({ 'X-Actor': 'kepala-dinas', ...headers })
        .send(body);
      expect(res.status).toBe(201);
      answers.push(res.body);
      await sleep(15); // distinct recordedAt instants, so that asOf can fall between two commands
    };
    await send(tokens.head, '/agreements', signBody({ agreementId: ID }));
    await send(tokens.first, `/agreements/${ID}/cohorts`, cohortBody(40), { 'X-Correlation-Id': 'upload-2025-10' });
    await send(tokens.second, `/agreements/${ID}/cohorts/berkah-nelayan/members`, batchBody(20, 40), {
      'X-Correlation-Id': 'upload-2025-10',
    });
    await send(tokens.treasurer, `/agreements/${ID}/premium-payments`, paymentBody('sp2d-0031', { amount: 1_000_000 }));
  });
  afterAll(() => running?.close());

  async function history(): Promise<Item[]> {
    return (await running.http.get(`/agreements/${ID}/events`).expect(200)).body.items;
  }

  it('lists the events in stream order with the positions the commands answered', async () => {
    const items = await history();
    expect(items.map((e) => e.version)).toEqual([1, 2, 3, 4]);
    expect(items.map((e) => e.position)).toEqual(answers.map((a) => a.position));
    expect(items.map((e) => e.type)).toEqual([
      'AgreementSigned',
      'CohortEnrolled',
      'CohortBatchEnrolled',
      'PremiumPaymentRecorded',
    ]);
    expect(items[3].data).toMatchObject({ paymentId: 'sp2d-0031', amount: 1_000_000, paidOn: '2025-10-29' });
  });

  it('records who (the token subject, never a forged X-Actor), in which role, when and why with every event', async () => {
    const items = await history();
    expect(items.map((e) => e.metadata.actor)).toEqual(['kepala-cabang', 'operator-1', 'operator-2', 'bendahara']);
    expect(items.map((e) => e.metadata.role)).toEqual([
      'branch-officer',
      'branch-officer',
      'branch-officer',
      'finance',
    ]);
    for (const { metadata } of items) {
      expect(metadata).toEqual(
        expect.objectContaining({
          recordedAt: expect.stringMatching(INSTANT),
          commandId: expect.stringMatching(UUID),
          correlationId: expect.any(String),
          causationId: expect.any(String),
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
      );
      expect(metadata).toHaveProperty('previousHash');
    }
    const recorded = items.map((e) => e.metadata.recordedAt as string);
    expect([...recorded].sort()).toEqual(recorded);
    expect(new Set(items.map((e) => e.metadata.commandId)).size).toBe(4);
    // One business conversation (the upload of one cohort) shares its correlation id across two commands.
    expect(items[1].metadata.correlationId).toBe('upload-2025-10');
    expect(items[2].metadata.correlationId).toBe('upload-2025-10');
    expect(items[0].metadata.correlationId).not.toBe('upload-2025-10');
  });

  it('links each event to the hash of the one before, and each hash matches the content', async () => {
    const items = await history();
    expect(items[0].metadata.previousHash).toBeNull();
    for (let i = 1; i < items.length; i++) expect(items[i].metadata.previousHash).toBe(items[i - 1].metadata.hash);
    for (const item of items) {
      const { eventId, hash, previousHash, ...metadata } = item.metadata;
      const event = { eventId: eventId as string, type: item.type, data: item.data, metadata: metadata as never };
      expect(hashEvent(agreementStreamId(ID), item.version, event, previousHash as string | null)).toBe(hash);
    }
  });

  it('pages the history with fromVersion and limit', async () => {
    const page = await running.http.get(`/agreements/${ID}/events`).query({ fromVersion: 2, limit: 2 }).expect(200);
    expect(page.body.items.map((e: Item) => e.version)).toEqual([2, 3]);
    const rest = await running.http.get(`/agreements/${ID}/events`).query({ fromVersion: 4 }).expect(200);
    expect(rest.body.items.map((e: Item) => e.version)).toEqual([4]);
  });

  it('shows the state at version 2: the first batch only, nothing paid', async () => {
    const res = await running.http.get(`/agreements/${ID}/state`).query({ version: 2 }).expect(200);
    expect(res.body).toMatchObject({
      agreementId: ID,
      version: 2,
      members: 40,
      expectedPremium: 40 * 3 * 16_800,
      paidPremium: 0,
      cohorts: [{ cohortId: 'berkah-nelayan', members: 40 }],
    });
  });

  it('shows the state as of an instant between the second and the third command', async () => {
    const items = await history();
    const second = Date.parse(items[1].metadata.recordedAt as string);
    const third = Date.parse(items[2].metadata.recordedAt as string);
    expect(third - second).toBeGreaterThanOrEqual(2);
    const asOf = new Date(Math.floor((second + third) / 2)).toISOString();
    const res = await running.http.get(`/agreements/${ID}/state`).query({ asOf }).expect(200);
    expect(res.body).toMatchObject({ version: 2, members: 40, paidPremium: 0 });
    const now = await running.http.get(`/agreements/${ID}/state`).query({ asOf: new Date().toISOString() }).expect(200);
    expect(now.body).toMatchObject({ version: 4, members: 60, paidPremium: 1_000_000 });
  });
});
