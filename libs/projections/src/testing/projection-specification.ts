import Database from 'better-sqlite3';
import type { AgreementEvent } from '@pks/domain';
import type { RecordedEvent } from '@pks/event-store';
import { applyFed, fed } from '../fed-event';
import { LIVE, type LoadMode, type Projection, type RegisteredReadModel } from '../read-model';
import { LedgerBuilder, snapshot } from './ledger-builder';

/**
 * Given/then over one read model, after emmett's projection specifications: given events recorded in agreement
 * streams, then its rows (or its queries' answers). The read model runs alone on a database of its own, so a
 * specification also shows that it needs no other read model applied first. Not part of the public API.
 */

/** Events of one agreement recorded together at one instant. */
export interface Recording {
  readonly agreementId: string;
  readonly events: readonly AgreementEvent[];
  readonly at?: string;
}

/** The stored events of a history, in position order. */
export async function storedEvents(ledger: LedgerBuilder): Promise<RecordedEvent[]> {
  return ledger.store.readAll({ after: 0, limit: Number.MAX_SAFE_INTEGER });
}

/** The read model on a fresh in-memory database, of its own. */
export function bindAlone(
  model: RegisteredReadModel,
  mode: LoadMode = LIVE,
): { db: Database.Database; projection: Projection } {
  const db = new Database(':memory:');
  return { db, projection: model.bind(db, mode) };
}

/** Applies events as the runner does (upcast once, other streams skipped), in batches of the given sizes. */
export function applyInBatches(
  db: Database.Database,
  projection: Projection,
  batches: readonly (readonly RecordedEvent[])[],
): void {
  for (const batch of batches) {
    db.transaction(() => {
      for (const stored of batch) applyFed(projection, fed(stored));
      projection.endBatch();
    })();
  }
}

/**
 * The rows of the read model's own tables after applying these batches alone, on a fresh database; a bulk load
 * (a rebuild's) is finished after the last batch.
 */
export function rowsAfter(
  model: RegisteredReadModel,
  batches: readonly (readonly RecordedEvent[])[],
  mode: LoadMode = LIVE,
) {
  const { db, projection } = bindAlone(model, mode);
  try {
    applyInBatches(db, projection, batches);
    if (mode.bulk) db.transaction(() => projection.finishBulkLoad())();
    return snapshot(db, model.tablePrefix);
  } finally {
    db.close();
  }
}

async function ledgerOf(history: LedgerBuilder | readonly Recording[]): Promise<LedgerBuilder> {
  if (history instanceof LedgerBuilder) return history;
  const ledger = new LedgerBuilder();
  for (const { agreementId, events, at } of history) await ledger.record(agreementId, events, at);
  return ledger;
}

export function projectionSpecification(model: RegisteredReadModel) {
  return {
    given(history: LedgerBuilder | readonly Recording[]) {
      const applied = async <T>(check: (db: Database.Database) => T): Promise<T> => {
        const { db, projection } = bindAlone(model);
        try {
          applyInBatches(db, projection, [await storedEvents(await ledgerOf(history))]);
          return check(db);
        } finally {
          db.close();
        }
      };
      return {
        /** These tables hold exactly these rows (ordered by all their columns); other tables are not checked. */
        async thenRows(expected: Readonly<Record<string, readonly unknown[]>>): Promise<void> {
          const rows = await applied((db) => snapshot(db, model.tablePrefix));
          expect(Object.fromEntries(Object.keys(expected).map((table) => [table, rows[table]]))).toEqual(expected);
        },
        /** Whatever the read model's queries answer over its own database. */
        then: applied,
        /** Some event of the history cannot be applied: the runner would quarantine it with this error. */
        async thenThrows(message: string | RegExp): Promise<void> {
          await expect(applied(() => undefined)).rejects.toThrow(message);
        },
      };
    },
  };
}
