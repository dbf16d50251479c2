import { foldAgreement, PAYMENT_DECISION_EVENTS, type AgreementCommand, type AgreementEvent } from '@pks/domain';
import { members, SUMBA_BARAT_DAYA } from '@pks/domain/testing/fixtures';
import type { RecordedEvent } from '@pks/event-store';
import { InMemoryEventStore } from '@pks/event-store/adapters';
import { LEDGER_INDEXER } from '../streams/ledger-indexer';
import { AGREEMENT_STREAM, eventOf } from '../streams/stream-type';
import { applicationOver, recordingReads } from '../testing/application-harness';

/**
 * Rule 8's decisions are made on the agreement's payments alone (AGREEMENT_PAYMENTS): a payment on an agreement
 * of thousands of members reads none of its enrolments, and still answers as on the whole history, whichever
 * process appended what in between.
 */
const ID = 'sbd-2025-pks-01';
const STREAM = `agreement-${ID}`;
const sign: AgreementCommand = { type: 'SignAgreement', data: SUMBA_BARAT_DAYA };
const enrol = (first: number, count: number, name?: string): AgreementCommand => ({
  type: 'EnrollCohort',
  data: { cohortId: 'rentan', ...(name ? { name } : {}), members: members(count, first) },
});
const payment = (paymentId: string): AgreementCommand => ({
  type: 'RecordPremiumPayment',
  data: { paymentId, amount: 94_080_000, paidOn: '2025-11-03', reference: `SP2D ${paymentId}` },
});
const reversal = (paymentId: string): AgreementCommand => ({
  type: 'ReversePremiumPayment',
  data: { paymentId, reversedOn: '2025-11-05', reason: 'SP2D dibatalkan' },
});

describe('decisions on payments, on the agreement payments alone', () => {
  it('records a payment on an agreement of 5,000 members without reading one enrolment', async () => {
    const store = recordingReads();
    const officer = applicationOver(store);
    await officer.send(ID, sign);
    await officer.send(ID, enrol(0, 2_500, 'Pekerja Rentan'));
    await officer.send(ID, enrol(2_500, 2_500));
    // Another process (its cache empty), as after a restart.
    const finance = applicationOver(store);
    store.read.length = 0;
    await expect(finance.send(ID, payment('sp2d-0001'))).resolves.toMatchObject({ version: 4 });
    await expect(finance.send(ID, reversal('sp2d-0001'))).resolves.toMatchObject({ version: 5 });
    expect(store.read.flat()).toEqual(['AgreementSigned']);
    expect(store.read.flat().every((type) => PAYMENT_DECISION_EVENTS.includes(type as AgreementEvent['type']))).toBe(
      true,
    );
  });

  it('refuses a payment another process recorded while this one held the payments of an older version', async () => {
    const store = new InMemoryEventStore(LEDGER_INDEXER);
    const here = applicationOver(store);
    const there = applicationOver(store);
    await here.send(ID, sign);
    await here.send(ID, payment('sp2d-0001'));
    await there.send(ID, enrol(0, 3, 'Pekerja Rentan'));
    await there.send(ID, payment('sp2d-0002'));
    await expect(here.send(ID, payment('sp2d-0002'))).rejects.toMatchObject({ code: 'PAYMENT_EXISTS' });
    await expect(here.send(ID, reversal('sp2d-0002'))).resolves.toMatchObject({ version: 5 });
    await expect(here.send(ID, payment('sp2d-0003'), { expectedVersion: 4 })).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { expectedVersion: 4, actualVersion: 5 },
    });
    await expect(here.send(ID, payment('sp2d-0003'), { expectedVersion: 5 })).resolves.toMatchObject({ version: 6 });
  });

  it("moves the cached whole state by a payment's append, and the cached payments by an enrolment's", async () => {
    const store = recordingReads();
    const app = applicationOver(store);
    await app.send(ID, sign);
    await app.send(ID, payment('sp2d-0001'));
    await app.send(ID, enrol(0, 3, 'Pekerja Rentan'));
    store.read.length = 0;
    await app.send(ID, payment('sp2d-0002'));
    await app.send(ID, reversal('sp2d-0001'));
    await app.send(ID, enrol(3, 2));
    await app.send(ID, payment('sp2d-0003'));
    expect(store.read).toEqual([]);
    // The whole state it holds is the fold of the stored history.
    const stored: RecordedEvent[] = await store.readStream(STREAM);
    const history = stored.map((event) => eventOf(AGREEMENT_STREAM, event));
    const cached = app.reader.cached(AGREEMENT_STREAM, ID);
    expect([cached?.version, cached?.state]).toEqual([7, foldAgreement(history)]);
  });
});
