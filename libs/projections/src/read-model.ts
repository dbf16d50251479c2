import type Database from 'better-sqlite3';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS, type AgreementEvent, type AgreementEventType } from '@pks/domain';
import type { ProjectedEvent } from './projected-event';

/**
 * A read model is one folder: its tables, how it folds each agreement event type, and its queries. This file
 * is the contract every read model fills in; `read-model.registry.ts` lists them.
 */

/** The declared choice of a read model that has nothing to record for an event type. */
export const IGNORED = 'ignored';

export type AgreementEventOfType<T extends AgreementEventType> = Extract<AgreementEvent, { type: T }>;

/**
 * What a read model does with each agreement event type: a handler, or IGNORED. Every type needs an entry, so a
 * new event type does not compile until each read model has declared what it makes of it.
 */
export type AgreementEventHandlers<Writer> = {
  readonly [T in AgreementEventType]:
    ((writer: Writer, projected: ProjectedEvent<AgreementEventOfType<T>>) => void) | typeof IGNORED;
};

export interface ReadModelDefinition<Writer> {
  /** Names its checkpoint; its tables are `rm_<name>` and `rm_<name>_*`, and it reads no others. */
  readonly name: string;
  /**
   * Creates its tables (if absent) on a database and prepares its statements there. A bulk load (a rebuild)
   * may leave rows derived from others, and indexes no write needs, to `finishBulkLoad`.
   */
  open(db: Database.Database, mode: LoadMode): Writer;
  readonly handles: AgreementEventHandlers<Writer>;
  /** Work deferred to the end of a batch (series of what the batch touched), in the batch's transaction. */
  endBatch?(writer: Writer): void;
  /** After a bulk load has applied the feed: what it left undone, in one transaction; running it again is harmless. */
  finishBulkLoad?(writer: Writer): void;
  /** The transaction (or an event's savepoint) it wrote in was rolled back: what it held in memory is void. */
  rolledBack?(writer: Writer): void;
}

/** How a read model is fed: event by event as they are committed, or a whole history (a rebuild). */
export interface LoadMode {
  readonly bulk: boolean;
}

export const LIVE: LoadMode = { bulk: false };

/**
 * A read model bound to a database: the runner applies every event of a batch, then ends the batch, inside one
 * transaction that also commits its checkpoint, so a batch applies exactly once.
 */
export interface Projection {
  readonly name: string;
  apply(projected: ProjectedEvent): void;
  endBatch(): void;
  finishBulkLoad(): void;
  rolledBack(): void;
}

/** A read model as the registry holds it: what it handles, and how to bind it to a database. */
export interface RegisteredReadModel {
  readonly name: string;
  /** The agreement event types it folds; every other type it declared IGNORED. */
  readonly handledTypes: readonly AgreementEventType[];
  readonly ignoredTypes: readonly AgreementEventType[];
  /** Its prefix of table names: `rm_<name>`. */
  readonly tablePrefix: string;
  bind(db: Database.Database, mode?: LoadMode): Projection;
}

const EVENT_TYPES = Object.keys(AGREEMENT_EVENT_SCHEMA_VERSIONS) as AgreementEventType[];

export function defineReadModel<Writer>(definition: ReadModelDefinition<Writer>): RegisteredReadModel {
  const { name, handles } = definition;
  return {
    name,
    handledTypes: EVENT_TYPES.filter((type) => handles[type] !== IGNORED),
    ignoredTypes: EVENT_TYPES.filter((type) => handles[type] === IGNORED),
    tablePrefix: `rm_${name}`,
    bind(db, mode = LIVE) {
      const writer = definition.open(db, mode);
      return {
        name,
        apply(projected) {
          const handler = handles[projected.event.type] as
            ((writer: Writer, projected: ProjectedEvent) => void) | typeof IGNORED | undefined;
          // Another stream type's event in an agreement stream is a corrupt history, not something to skip.
          if (handler === undefined) throw new Error(`${projected.event.type} is not an agreement event`);
          if (handler !== IGNORED) handler(writer, projected);
        },
        endBatch: () => definition.endBatch?.(writer),
        finishBulkLoad: () => definition.finishBulkLoad?.(writer),
        rolledBack: () => definition.rolledBack?.(writer),
      };
    },
  };
}
