import { members, SUMBA_BARAT_DAYA } from '@pks/domain/testing/fixtures';
import type { AgreementCommand } from '@pks/domain';
import { InMemoryEventStore } from '@pks/event-store/adapters';
import { applicationOver, recordingReads } from '../testing/application-harness';
import { LEDGER_INDEXER } from '../streams/ledger-indexer';

const ID = 'sbd-2025-pks-01';
const sign: AgreementCommand = { type: 'SignAgreement', data: SUMBA_BARAT_DAYA };
const payment = (paymentId: string): AgreementCommand => ({
  type: 'RecordPremiumPayment',
  data: { paymentId, amount: 1_000_000, paidOn: '2025-11-03', reference: `SP2D ${paymentId}` },
});

const enrol: AgreementCommand = {
  type: 'EnrollCohort',
  data: { cohortId: 'rentan', name: 'Pekerja Rentan', members: members(3) },
};
const enrolMore: AgreementCommand = { type: 'EnrollCohort', data: { cohortId: 'rentan', members: members(2, 3) } };
const enrolLast: AgreementCommand = { type: 'EnrollCohort', data: { cohortId: 'rentan', members: members(2, 5) } };

/**
 * Two processes over one store, each with its own cache of states: a command may be decided on the cached state
 * without reading the stream, and must come out as if it had read it.
 */
describe('the command handler on a cached state', () => {
  it('does not read the stream of an agreement whose state it holds from its own last append', async () => {
    const store = recordingReads();
    const app = applicationOver(store);
    await app.send(ID, sign);
    await app.send(ID, enrol);
    const before = store.read.length;
    await app.send(ID, enrolMore);
    expect(store.read.length).toBe(before);
    // A payment decides on the agreement's payments, read once (a part of the state, cached apart)...
    await app.send(ID, payment('sp2d-0001'));
    expect(store.read.length).toBe(before + 1);
    // ... then on its cached part, and the enrolment after it on the whole state its append moved on.
    await app.send(ID, payment('sp2d-0002'));
    await app.send(ID, enrolLast);
    expect(store.read.length).toBe(before + 1);
    expect((await store.readStream(`agreement-${ID}`)).map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('accepts a command on an agreement another process signed after this one found none', async () => {
    const store = new InMemoryEventStore(LEDGER_INDEXER);
    const here = applicationOver(store);
    const there = applicationOver(store);
    await expect(here.send(ID, payment('sp2d-0001'))).rejects.toMatchObject({ code: 'AGREEMENT_NOT_FOUND' });
    await there.send(ID, sign);
    await expect(here.send(ID, payment('sp2d-0001'))).resolves.toMatchObject({ version: 2 });
  });

  it('checks If-Match against the stored version when another process moved the agreement since', async () => {
    const store = new InMemoryEventStore(LEDGER_INDEXER);
    const here = applicationOver(store);
    const there = applicationOver(store);
    await here.send(ID, sign);
    await there.send(ID, payment('sp2d-0001'));
    await expect(here.send(ID, payment('sp2d-0002'), { expectedVersion: 2 })).resolves.toMatchObject({ version: 3 });
    await expect(here.send(ID, payment('sp2d-0003'), { expectedVersion: 2 })).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { expectedVersion: 2, actualVersion: 3 },
    });
  });

  it('refuses on the stored state what another process made a duplicate, and appends nothing', async () => {
    const store = new InMemoryEventStore(LEDGER_INDEXER);
    const here = applicationOver(store);
    const there = applicationOver(store);
    await here.send(ID, sign);
    await there.send(ID, payment('sp2d-0001'));
    await expect(here.send(ID, payment('sp2d-0001'))).rejects.toMatchObject({ code: 'PAYMENT_EXISTS' });
    expect(await store.headPosition()).toBe(2);
  });
});
