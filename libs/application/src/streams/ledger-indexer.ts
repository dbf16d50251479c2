import { ledgerEventOf, peopleKeysOf } from '@pks/domain';
import type { EventIndexer } from '@pks/event-store';

/**
 * The ledger's index: per NIK, the agreements that enrolled it and the death benefit paid for it (unique).
 * Bump `id` when the keys change: every store re-indexes its events on the next start.
 */
export const LEDGER_INDEXER: EventIndexer = {
  id: 'pks-ledger-people-v1',
  keysOf(stored) {
    const ledgerEvent = ledgerEventOf(stored);
    return ledgerEvent?.category === 'agreement' ? peopleKeysOf(ledgerEvent.event) : [];
  },
};
