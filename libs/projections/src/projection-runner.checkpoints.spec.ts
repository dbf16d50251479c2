import { agreementsReadModel } from './agreements';
import { benefitsReadModel } from './benefits';
import type { RegisteredReadModel } from './read-model';
import { READ_MODELS } from './read-model.registry';
import { ReadModels } from './read-models';
import { openReadModelDatabase } from './read-model-database';
import { mixedHistory } from './testing/histories';
import { snapshot, tempDir, type LedgerBuilder } from './testing/ledger-builder';

/** The runner's checkpoints: one per registered read model, committed with its rows. */

/** The read model, counting the events it is given. */
function counting(model: RegisteredReadModel, counts: Map<string, number>): RegisteredReadModel {
  return {
    ...model,
    bind(db, mode) {
      const projection = model.bind(db, mode);
      return {
        ...projection,
        apply(projected) {
          counts.set(model.name, (counts.get(model.name) ?? 0) + 1);
          projection.apply(projected);
        },
      };
    },
  };
}

describe('checkpoints of the registered read models', () => {
  let ledger: LedgerBuilder;
  let head: number;

  beforeAll(async () => {
    ledger = await mixedHistory();
    head = await ledger.store.headPosition();
  });

  it('running the runner twice changes nothing, and every checkpoint stays at the head', async () => {
    const models = await ledger.readModels();
    const before = snapshot(models.db);
    await models.runner.catchUp();
    await models.runner.catchUp();
    expect(snapshot(models.db)).toEqual(before);
    expect(models.runner.appliedPosition()).toBe(head);
    expect(models.db.prepare('SELECT name, position FROM projection_checkpoints ORDER BY name').all()).toEqual(
      READ_MODELS.map((model) => ({ name: model.name, position: head })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    expect(models.status()).toEqual(
      READ_MODELS.map((model) => expect.objectContaining({ name: model.name, appliedPosition: head })),
    );
    await models.close();
  });

  it('reports what each read model handles and ignores', async () => {
    const models = await ledger.readModels();
    const benefits = models.status().find((model) => model.name === 'benefits');
    await models.close();
    expect(benefits).toMatchObject({ handles: ['AgreementSigned', 'DeathBenefitPaid'] });
    expect(benefits?.ignores).toHaveLength(9);
  });

  it('a read model added to the registry starts from the beginning alone; the others go on from their checkpoint', async () => {
    const dir = tempDir();
    const path = dir.path('read-models.sqlite');
    const before = new ReadModels(openReadModelDatabase(path), ledger.store, undefined, {}, [agreementsReadModel]);
    await before.runner.catchUp();
    const earlier = snapshot(before.db, agreementsReadModel.tablePrefix);
    expect(snapshot(before.db, benefitsReadModel.tablePrefix)).toEqual({});
    await before.close();

    const counts = new Map<string, number>();
    const registered = [agreementsReadModel, benefitsReadModel].map((m) => counting(m, counts));
    const after = new ReadModels(openReadModelDatabase(path), ledger.store, undefined, {}, registered);
    expect(after.runner.appliedPosition()).toBe(0);
    await after.runner.catchUp();
    const rows = { agreements: snapshot(after.db, 'rm_agreements'), benefits: snapshot(after.db, 'rm_benefits') };
    const status = after.status();
    await after.close();
    const fresh = await ledger.readModels();
    const expectedBenefits = snapshot(fresh.db, 'rm_benefits');
    await fresh.close();
    dir.cleanup();

    expect(Object.fromEntries(counts)).toEqual({ benefits: expect.any(Number) });
    expect(status.map((model) => model.appliedPosition)).toEqual([head, head]);
    expect(rows).toEqual({ agreements: earlier, benefits: expectedBenefits });
  });
});
