import { AgreementStreams, GetAgreementStateQuery, StreamReader } from '@pks/application';
import { GetAgreementStateHandler } from '@pks/application/queries/agreement-queries.handlers';
import { agreementSummary, type ReadModels } from '@pks/projections';
import { longHistory } from '@pks/projections/testing/histories';
import type { LedgerBuilder } from '@pks/projections/testing/ledger-builder';

/**
 * One agreement's figures from one source: the summary the read model answers (`GET /agreements/{id}`) equals
 * the summary folded from the stream (`/state` at the latest version), for every agreement of a history with
 * every event type, on days when the agreements are active, expired and terminated.
 */

const DAYS = ['2025-03-15', '2025-11-10', '2026-01-01', '2026-07-01'];

describe('the summary of the read model and /state at the latest version', () => {
  let ledger: LedgerBuilder;
  let models: ReadModels;
  let ids: string[];

  beforeAll(async () => {
    ledger = await longHistory(1_200);
    models = await ledger.readModels();
    ids = models.db.prepare('SELECT agreement_id FROM rm_agreements ORDER BY agreement_id').pluck().all() as string[];
  });

  afterAll(() => models.close());

  /** `/state?version=<latest>` as the application answers it, with the clock at noon in Indonesia on `day`. */
  async function stateAt(agreementId: string, day: string) {
    const clock = { now: () => `${day}T03:00:00.000Z` };
    const handler = new GetAgreementStateHandler(new AgreementStreams(new StreamReader(ledger.store, 1_000)), clock);
    const version = await ledger.store.streamVersion(`agreement-${agreementId}`);
    return handler.execute(new GetAgreementStateQuery(agreementId, { version }));
  }

  it('covers agreements with members, payments, deaths, withdrawals, extensions and a termination', () => {
    expect(ids).toHaveLength(5);
    const summaries = ids.map((id) => agreementSummary(models.db, id, '2025-11-10')!);
    expect(summaries.some((s) => s.termination !== undefined)).toBe(true);
    expect(summaries.some((s) => s.benefits.count > 1 && s.refundable + s.outstanding > 0)).toBe(true);
    expect(summaries.every((s) => s.version > 1)).toBe(true);
  });

  it.each(DAYS)('agree field by field for every agreement on %s', async (day) => {
    for (const id of ids) {
      expect({ id, summary: agreementSummary(models.db, id, day) }).toEqual({ id, summary: await stateAt(id, day) });
    }
  });
});
