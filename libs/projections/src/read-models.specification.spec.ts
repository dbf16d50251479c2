import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS } from '@pks/domain';
import type { RecordedEvent } from '@pks/event-store';
import type { LoadMode, RegisteredReadModel } from './read-model';
import { READ_MODELS } from './read-model.registry';
import { mixedHistory } from './testing/histories';
import { snapshot, tablesOf, type LedgerBuilder } from './testing/ledger-builder';
import { applyInBatches, bindAlone, rowsAfter, storedEvents } from './testing/projection-specification';

/**
 * What every registered read model must keep, run for each entry of the registry: a read model added there is
 * in these tests without anyone writing them. Each runs alone on a database of its own, over a history with
 * every agreement event type.
 */

const BULK: LoadMode = { bulk: true };

/** Source files of a read model's folder (its tests and helpers excluded): what its writer and queries say. */
function sourcesOf(model: RegisteredReadModel): string[] {
  const folder = join(__dirname, model.name);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => readFileSync(join(folder, file), 'utf8'));
}

describe.each(READ_MODELS.map((model) => [model.name, model] as const))('read model %s', (_name, model) => {
  let ledger: LedgerBuilder;
  let events: RecordedEvent[];
  let once: Record<string, unknown[]>;

  beforeAll(async () => {
    ledger = await mixedHistory();
    events = await storedEvents(ledger);
    once = rowsAfter(model, [events]);
  });

  it('declares what it does with every agreement event type: handled or ignored, never left out', () => {
    const declared = [...model.handledTypes, ...model.ignoredTypes].sort();
    expect(declared).toEqual(Object.keys(AGREEMENT_EVENT_SCHEMA_VERSIONS).sort());
    expect(model.handledTypes.length).toBeGreaterThan(0);
  });

  it('fills every one of its tables from the history (so that the comparisons below compare something)', () => {
    expect(Object.keys(once).length).toBeGreaterThan(0);
    for (const [table, rows] of Object.entries(once))
      expect({ table, filled: rows.length > 0 }).toEqual({ table, filled: true });
  });

  it('applied twice, changes nothing', () => {
    expect(rowsAfter(model, [events, events])).toEqual(once);
  });

  it('applied one event per batch, ends with the rows of one batch', () => {
    expect(
      rowsAfter(
        model,
        events.map((event) => [event]),
      ),
    ).toEqual(once);
  });

  it('each event applied twice in a row, one batch per event, changes nothing', () => {
    expect(
      rowsAfter(
        model,
        events.map((event) => [event, event]),
      ),
    ).toEqual(once);
  });

  it('loaded in bulk (a rebuild), in one batch or one event per batch, ends with the rows applied live', () => {
    expect(rowsAfter(model, [events], BULK)).toEqual(once);
    expect(
      rowsAfter(
        model,
        events.map((event) => [event]),
        BULK,
      ),
    ).toEqual(once);
  });

  it('redelivered any earlier event after the whole history, changes nothing', () => {
    const { db, projection } = bindAlone(model);
    applyInBatches(db, projection, [events]);
    const changed = events.filter((event) => {
      db.exec('BEGIN');
      try {
        applyInBatches(db, projection, [[event]]);
        return JSON.stringify(snapshot(db, model.tablePrefix)) !== JSON.stringify(once);
      } finally {
        db.exec('ROLLBACK');
      }
    });
    db.close();
    expect(changed.map((event) => `${event.position} ${event.type}`)).toEqual([]);
  });

  it('alone on its own database, holds the rows it holds next to every other read model', async () => {
    const all = await ledger.readModels();
    const rows = snapshot(all.db, model.tablePrefix);
    await all.close();
    expect(rows).toEqual(once);
  });

  it(`creates only tables named ${model.tablePrefix} or ${model.tablePrefix}_*`, () => {
    const { db } = bindAlone(model);
    const created = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    const own = tablesOf(db, model.tablePrefix);
    db.close();
    expect(created.sort()).toEqual(own.sort());
  });

  it('reads and writes no table of another read model: its folder names only its own', () => {
    const named = new Set(sourcesOf(model).flatMap((source) => source.match(/\brm_[a-z_]+/g) ?? []));
    const foreign = [...named].filter((t) => t !== model.tablePrefix && !t.startsWith(`${model.tablePrefix}_`));
    expect(named.size).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });
});

describe('the registry', () => {
  it('names each read model once', () => {
    const names = READ_MODELS.map((model) => model.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has a folder of the same name for each read model, and a read model for each folder', () => {
    const folders = readdirSync(__dirname, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'testing')
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual(READ_MODELS.map((model) => model.name).sort());
  });
});
