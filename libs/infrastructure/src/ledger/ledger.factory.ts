import { LEDGER_INDEXER, type LedgerIntegrity } from '@pks/application';
import type { EventStore } from '@pks/event-store';
import { SqliteAuditSource } from '@pks/event-store/adapters';
import type { AppConfig } from '../config';
import { LedgerNotary } from './ledger-notary';
import { loadOrCreateTreeHeadKey } from './tree-head-key.file';
import { TreeHeadsFile } from './tree-heads.file';

/**
 * The notary of the configured store, or null when the store keeps no transparency log (EventStoreDB). The SQLite
 * file is audited through a read-only connection of its own; the memory store cannot be edited from outside.
 */
export function createLedgerNotary(
  config: AppConfig,
  store: EventStore,
  integrity: LedgerIntegrity,
  now: () => string,
): LedgerNotary | null {
  if (store.transparencyLog === undefined) return null;
  return new LedgerNotary(
    {
      log: store.transparencyLog(),
      heads: new TreeHeadsFile(config.treeHeadsPath),
      key: loadOrCreateTreeHeadKey(config.treeHeadKeyPath),
      now,
      indexer: LEDGER_INDEXER,
      openAudit: config.eventStore === 'sqlite' ? () => new SqliteAuditSource(config.sqlitePath) : null,
    },
    integrity,
  );
}
