import type { AgreementEvent } from '../agreement/agreement.events';
import { eventUpcaster } from '../agreement/agreement.upcasters';
import type { PersonEvent } from '../person/person.decider';
import { STREAM_CATEGORIES } from './stream-categories';

/** An event as the store keeps it, as far as the domain needs to read it. */
export interface StoredLedgerEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly schemaVersion: number };
}

/** A stored event as the current schema of its type, with the stream it belongs to. */
export type LedgerEvent =
  | { readonly category: 'agreement'; readonly id: string; readonly event: AgreementEvent }
  | { readonly category: 'person'; readonly id: string; readonly event: PersonEvent };

/**
 * The one place where stored events are upcast: older schema versions are brought to the current one here,
 * for every reader. Null for an event of a stream outside the ledger's categories.
 */
export function ledgerEventOf(stored: StoredLedgerEvent): LedgerEvent | null {
  const category = STREAM_CATEGORIES.find((c) => stored.streamId.startsWith(`${c}-`));
  if (category === undefined) return null;
  const id = stored.streamId.slice(category.length + 1);
  const upcast = { type: stored.type, schemaVersion: stored.metadata.schemaVersion, data: stored.data };
  return category === 'agreement'
    ? { category, id, event: eventUpcaster.upcast<AgreementEvent>(upcast) }
    : { category, id, event: eventUpcaster.upcast<PersonEvent>(upcast) };
}
