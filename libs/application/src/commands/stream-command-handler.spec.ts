import { nik, SUMBA_BARAT_DAYA } from '@pks/domain/testing/fixtures';
import type { AgreementCommand } from '@pks/domain';
import type { AppendOptions, EventStore, NewEvent } from '@pks/event-store';
import { InMemoryEventStore } from '@pks/event-store/adapters';
import { applicationOver, everything } from '../testing/application-harness';
import { LEDGER_INDEXER } from '../streams/ledger-indexer';
import { MAX_ATTEMPTS } from './stream-command-handler';

const ID = 'sbd-2025-pks-01';
const sign: AgreementCommand = { type: 'SignAgreement', data: SUMBA_BARAT_DAYA };
const payment = (paymentId: string, amount = 1_000_000): AgreementCommand => ({
  type: 'RecordPremiumPayment',
  data: { paymentId, amount, paidOn: '2025-11-03', reference: `SP2D ${paymentId}` },
});

/** A store in which another process appends to the agreement just before each of our first `times` appends. */
function racedBy(times: number, inner = new InMemoryEventStore(LEDGER_INDEXER)) {
  let raced = 0;
  const store: EventStore = Object.create(inner);
  store.append = async (streamId: string, expected, events: readonly NewEvent[], options?: AppendOptions) => {
    if (raced < times && streamId === `agreement-${ID}` && expected !== 0) {
      raced += 1;
      const other = applicationOver(inner);
      await other.send(ID, payment(`other-process-${raced}`));
    }
    return inner.append(streamId, expected, events, options);
  };
  return store;
}

describe('the generic command handler', () => {
  it('refuses every command once the ledger was found tampered, appending nothing, a retried key included', async () => {
    const app = applicationOver();
    await app.send(ID, sign);
    const key = { key: 'pay-1', requestHash: 'sha256:pay-1' };
    await app.send(ID, payment('sp2d-0001'), { idempotency: key });
    app.integrity.report({
      status: 'tampered',
      kind: 'event-rewritten',
      position: 2,
      streamId: `agreement-${ID}`,
      detail: 'edited and its hash recomputed',
      foundAt: '2025-11-10T02:00:00.000Z',
    });
    const refusal = {
      name: 'StoreInconsistencyError',
      details: expect.objectContaining({ kind: 'event-rewritten', position: 2 }),
    };
    await expect(app.send(ID, payment('sp2d-0002'))).rejects.toMatchObject(refusal);
    await expect(app.send(ID, payment('sp2d-0001'), { idempotency: key })).rejects.toMatchObject(refusal);
    app.integrity.report({ status: 'intact', checkedThrough: 2, checkedAt: '2025-11-10T02:00:00.000Z' });
    await expect(app.send(ID, payment('sp2d-0003'))).rejects.toMatchObject(refusal);
    expect(await app.store.headPosition()).toBe(2);
  });

  it('decides again on fresh state when another process appended first, and appends once', async () => {
    const app = applicationOver(racedBy(2));
    await app.send(ID, sign);
    const result = await app.send(ID, payment('sp2d-0001'));
    expect(result).toMatchObject({ agreementId: ID, version: 4 });
    const types = (await app.store.readStream(`agreement-${ID}`)).map(
      (e) => (e.data as { paymentId?: string }).paymentId,
    );
    expect(types).toEqual([undefined, 'other-process-1', 'other-process-2', 'sp2d-0001']);
  });

  it(`gives up with CONCURRENT_MODIFICATION after ${MAX_ATTEMPTS} lost races, having appended nothing of its own`, async () => {
    const app = applicationOver(racedBy(MAX_ATTEMPTS));
    await app.send(ID, sign);
    await expect(app.send(ID, payment('sp2d-0001'))).rejects.toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
    const ids = (await everything(app.store)).map((e) => (e.data as { paymentId?: string }).paymentId);
    expect(ids).not.toContain('sp2d-0001');
  });

  it('refuses with VERSION_CONFLICT when If-Match names another version, and appends nothing', async () => {
    const app = applicationOver();
    await app.send(ID, sign);
    await expect(app.send(ID, payment('sp2d-0001'), { expectedVersion: 0 })).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { expectedVersion: 0, actualVersion: 1 },
    });
    expect(await app.store.headPosition()).toBe(1);
  });

  it('with If-Match, reports a race lost to another process instead of deciding again', async () => {
    const app = applicationOver(racedBy(1));
    await app.send(ID, sign);
    await expect(app.send(ID, payment('sp2d-0001'), { expectedVersion: 1 })).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { actualVersion: 2 },
    });
  });

  it('answers an Idempotency-Key used before with the first answer, and appends nothing', async () => {
    const app = applicationOver();
    await app.send(ID, sign);
    const idempotency = { key: 'pay-0001', requestHash: 'h1' };
    const first = await app.send(ID, payment('sp2d-0001'), { idempotency });
    const head = await app.store.headPosition();
    expect(await app.send(ID, payment('sp2d-0001'), { idempotency })).toEqual(first);
    expect(await app.store.headPosition()).toBe(head);
    await expect(
      app.send(ID, payment('sp2d-0001', 5), { idempotency: { key: 'pay-0001', requestHash: 'h2' } }),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it("keeps each actor's Idempotency-Keys apart: another actor's key of the same text neither blocks nor replays", async () => {
    const app = applicationOver();
    await app.send(ID, sign);
    const idempotency = { key: 'pay-0001', requestHash: 'h1' };
    const mine = await app.send(ID, payment('sp2d-0001'), { actor: 'bendahara-sbd', idempotency });
    const theirs = app.send(ID, payment('sp2d-0002'), {
      actor: 'someone-else',
      idempotency: { key: 'pay-0001', requestHash: 'h2' },
    });
    await expect(theirs).resolves.toMatchObject({ version: mine.version + 1 });
    await expect(
      app.send(ID, payment('sp2d-0003'), {
        actor: 'bendahara-sbd',
        idempotency: { key: 'pay-0001', requestHash: 'h3' },
      }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { key: 'pay-0001' } });
  });

  it('records the actor and the role it acted in with every event', async () => {
    const app = applicationOver();
    await app.send(ID, sign, { actor: 'officer@kcp-tambolaka', role: 'branch-officer' });
    const [event] = await app.store.readStream(`agreement-${ID}`);
    expect(event.metadata).toMatchObject({ actor: 'officer@kcp-tambolaka', role: 'branch-officer' });
  });

  it('runs 16 concurrent payments to one agreement one after the other: all recorded, none refused', async () => {
    const app = applicationOver();
    await app.send(ID, sign);
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => app.send(ID, payment(`sp2d-${i}`))));
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 2));
  });

  it('answers a command that changes nothing with the current version and appends nothing', async () => {
    const app = applicationOver();
    await app.send(ID, sign);
    const death = { nik: nik(1), dateOfDeath: '2025-11-01', benefitAgreementId: 'other', benefitClaimId: 'c' };
    const result = await app.send(ID, { type: 'RecordMemberDeath', data: death });
    expect(result).toMatchObject({ version: 1, position: 1 });
    expect(await app.store.headPosition()).toBe(1);
  });

  it('refuses a command the domain refuses and appends nothing, anywhere', async () => {
    const app = applicationOver();
    await app.send(ID, sign);
    const claim = {
      claimId: 'jkm-1',
      nik: nik(0),
      dateOfDeath: '2025-11-01',
      cause: 'natural' as const,
      heir: { name: 'Yohana Bulu', relationship: 'spouse' as const },
      paidOn: '2025-11-02',
    };
    await expect(app.send(ID, { type: 'PayDeathBenefit', data: claim })).rejects.toMatchObject({
      code: 'MEMBER_NOT_FOUND',
    });
    expect(await app.store.headPosition()).toBe(1);
    expect(app.published).toEqual([1]);
  });
});
