import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pointTableAtWrongPage } from '@pks/event-store/testing/sqlite-damage';
import { agreementPremiums, listAgreements } from '.';
import { generationPath, readGeneration } from './read-model-files';
import { ReadModelsRebuildingError } from './read-model-health';
import { ReadModelHost } from './read-model-host';
import { mixedHistory } from './testing/histories';
import { type LedgerBuilder, SUMBA_BARAT_DAYA, premiumPaid, snapshot, tempDir } from './testing/ledger-builder';

/**
 * The read models are derived data: a damaged read-model file (at start, found by a query, found by the runner)
 * is moved aside for forensics and a fresh generation is rebuilt from the events. Queries are refused until it
 * has caught up, then answer exactly what a fresh rebuild answers. No event is quarantined because of the damage.
 */

const SUMBA = SUMBA_BARAT_DAYA.agreementId;

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a damaged read-model generation', () => {
  let dir: ReturnType<typeof tempDir>;
  let ledger: LedgerBuilder;
  let base: string;
  let reference: Record<string, unknown[]>;
  const hosts: ReadModelHost[] = [];
  const logged: string[] = [];
  const open = () => {
    const host = ReadModelHost.open(base, ledger.store, {
      log: (level, message) => logged.push(`${level} ${message}`),
    });
    hosts.push(host);
    return host;
  };
  /** The rows of read models built from scratch over the same events. */
  const freshRows = async () => {
    const models = await ledger.readModels();
    try {
      return snapshot(models.db);
    } finally {
      await models.close();
    }
  };

  beforeAll(async () => {
    ledger = await mixedHistory();
    reference = await freshRows();
  });
  beforeEach(() => {
    dir = tempDir();
    base = dir.path('read-models.sqlite');
    logged.length = 0;
  });
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close();
    dir.cleanup();
  });

  it('is set aside at start (not a database), and a fresh generation is rebuilt from the events', async () => {
    const garbage = Buffer.alloc(32_768, 0x42);
    writeFileSync(base, garbage);
    const host = open();

    expect(host.currentGeneration()).toBe(1);
    expect(readGeneration(base)).toBe(1);
    const { rebuild } = host.health();
    expect(rebuild).toMatchObject({ generation: 0, reason: 'file is not a database' });
    expect(readFileSync(rebuild!.setAsideAs as string)).toEqual(garbage);
    expect(existsSync(base)).toBe(false);
    expect(logged).toEqual([
      expect.stringMatching(/^error read models generation 0 is damaged .* moved to .*corrupt-/),
    ]);
    expect(host.health().state).toBe('rebuilding');
    expect(() => host.read((models) => listAgreements(models.db, { today: '2025-11-10' }))).toThrow(
      ReadModelsRebuildingError,
    );

    await host.start(10);
    await until(() => !host.isRebuilding());
    expect(host.health()).toMatchObject({
      state: 'live',
      generation: 1,
      appliedPosition: await ledger.store.headPosition(),
    });
    expect(snapshot(host.current().db)).toEqual(reference);
    expect(host.current().db.name).toBe(generationPath(base, 1));
  });

  it('found by a query is set aside, queries are refused until the rebuild caught up, then answer as before', async () => {
    const host = open();
    await host.current().runner.catchUp();
    await host.start(10);
    const before = host.read((models) => agreementPremiums(models.db, SUMBA));

    pointTableAtWrongPage(base, 'rm_agreements_payments');
    expect(() => host.read((models) => agreementPremiums(models.db, SUMBA))).toThrow(ReadModelsRebuildingError);
    expect(host.health()).toMatchObject({ state: 'rebuilding', generation: 1, rebuild: { generation: 0 } });
    expect(host.health().rebuild?.reason).toMatch(/malformed/);
    expect(existsSync(host.health().rebuild!.setAsideAs as string)).toBe(true);

    await until(() => !host.isRebuilding());
    expect(host.read((models) => agreementPremiums(models.db, SUMBA))).toEqual(before);
    expect(snapshot(host.current().db)).toEqual(reference);
  });

  it('found by the runner applying new events is set aside, and none of those events is quarantined', async () => {
    const host = open();
    await host.current().runner.catchUp();
    await host.start(10);
    pointTableAtWrongPage(base, 'rm_agreements_payments');
    await ledger.record(SUMBA, [premiumPaid('sp2d-damage-1', 16_800, '2025-11-20')]);
    const head = await ledger.store.headPosition();

    await until(() => host.currentGeneration() === 1);
    expect(host.health().lastSetAside).toMatchObject({ generation: 0, reason: expect.stringMatching(/malformed/) });
    await until(() => !host.isRebuilding() && host.current().runner.appliedPosition() === head);
    expect(host.current().runner.quarantined()).toEqual([]);
    expect(host.read((models) => agreementPremiums(models.db, SUMBA))!.payments).toContainEqual(
      expect.objectContaining({ paymentId: 'sp2d-damage-1' }),
    );
    expect(snapshot(host.current().db)).toEqual(await freshRows());
  });
});
