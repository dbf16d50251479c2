import { members, SUMBA_BARAT_DAYA } from '@pks/domain/testing/fixtures';
import type { AgreementCommand } from '@pks/domain';
import { StoreUnavailableError, type EventStore } from '@pks/event-store';
import { InMemoryEventStore } from '@pks/event-store/adapters';
import type { CommandMetrics, CommandObservation } from '../ports/command-metrics.port';
import { LEDGER_INDEXER } from '../streams/ledger-indexer';
import { applicationOver } from '../testing/application-harness';

const ID = SUMBA_BARAT_DAYA.agreementId;
const sign: AgreementCommand = { type: 'SignAgreement', data: SUMBA_BARAT_DAYA };
const enrol: AgreementCommand = {
  type: 'EnrollCohort',
  data: { cohortId: 'berkah-nelayan', name: 'Program Berkah Nelayan', members: members(3) },
};

/** What the metrics port was told, in order. */
function recording() {
  const commands: CommandObservation[] = [];
  const appends: { events: number; accepted: boolean; seconds: number }[] = [];
  const metrics: CommandMetrics = {
    commandHandled: (observation) => commands.push(observation),
    appendFinished: (seconds, events, accepted) => appends.push({ seconds, events, accepted }),
  };
  return { metrics, commands, appends };
}

describe('what the command handler tells the metrics port', () => {
  it('counts an accepted command by its type as appended, with its duration and one append of its events', async () => {
    const seen = recording();
    const app = applicationOver(undefined, seen.metrics);
    await app.send(ID, sign);
    await app.send(ID, enrol);
    expect(seen.commands.map(({ type, outcome }) => ({ type, outcome }))).toEqual([
      { type: 'SignAgreement', outcome: 'appended' },
      { type: 'EnrollCohort', outcome: 'appended' },
    ]);
    expect(seen.appends.map(({ events, accepted }) => ({ events, accepted }))).toEqual([
      { events: 1, accepted: true },
      { events: 1, accepted: true },
    ]);
    for (const { seconds } of [...seen.commands, ...seen.appends]) expect(seconds).toBeGreaterThanOrEqual(0);
  });

  it('counts a refusal with its stable code, and no append', async () => {
    const seen = recording();
    const app = applicationOver(undefined, seen.metrics);
    await app.send(ID, sign);
    await expect(app.send(ID, sign)).rejects.toMatchObject({ code: 'AGREEMENT_EXISTS' });
    expect(seen.commands[1]).toMatchObject({ type: 'SignAgreement', outcome: 'refused', code: 'AGREEMENT_EXISTS' });
    expect(seen.appends).toHaveLength(1);
  });

  it('counts a retry with the same Idempotency-Key as replayed, without appending again', async () => {
    const seen = recording();
    const app = applicationOver(undefined, seen.metrics);
    const idempotency = { key: 'sign-once', requestHash: 'h1' };
    await app.send(ID, sign, { idempotency });
    await app.send(ID, sign, { idempotency });
    expect(seen.commands.map((c) => c.outcome)).toEqual(['appended', 'replayed']);
    expect(seen.appends).toHaveLength(1);
  });

  it('counts a store that does not answer as a failure named by its error, and the append as not accepted', async () => {
    const seen = recording();
    const inner = new InMemoryEventStore(LEDGER_INDEXER);
    const store: EventStore = Object.create(inner);
    store.append = () => Promise.reject(new StoreUnavailableError('disk I/O error'));
    const app = applicationOver(store, seen.metrics);
    await expect(app.send(ID, sign)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(seen.commands).toEqual([
      expect.objectContaining({ type: 'SignAgreement', outcome: 'failed', code: 'StoreUnavailableError' }),
    ]);
    expect(seen.appends).toEqual([expect.objectContaining({ events: 1, accepted: false })]);
  });
});
