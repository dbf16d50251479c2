import type { IndexHit, LogLeaf, RecordedEvent, SignedTreeHead } from '@pks/event-store';

/** Names the layout of the file, for the checker: a later layout gets another name. */
export const AUDIT_FORMAT = 'pks-ledger-audit/1';

/** An event as stored, the leaf the log holds for it, and its audit path up to the file's signed head. */
export interface AuditedEvent {
  readonly event: RecordedEvent;
  readonly leaf: LogLeaf;
  readonly auditPath: readonly string[];
}

/** What the ledger knew of a person whose death the agreement recorded: its index facts and their events. */
export interface PersonFacts {
  readonly nik: string;
  /** The NIK's entries in the store's index (death benefit, enrolments) when the file was made. */
  readonly facts: readonly IndexHit[];
  /** The events holding those facts (outside the agreement's own stream), and the person's own stream, if any. */
  readonly events: readonly AuditedEvent[];
}

/**
 * `export-audit`'s file: everything needed to check one agreement's history offline, with no database: its events
 * from version 1, the people facts its benefits rely on, each event's inclusion proof, the signed tree head they
 * are proven against and the public key that signed it.
 */
export interface AuditFile {
  readonly format: typeof AUDIT_FORMAT;
  readonly agreementId: string;
  readonly exportedAt: string;
  readonly treeHead: SignedTreeHead;
  readonly publicKey: string;
  readonly events: readonly AuditedEvent[];
  readonly people: readonly PersonFacts[];
  /** What the file cannot prove by itself. */
  readonly limits: readonly string[];
}

export const AUDIT_LIMITS: readonly string[] = [
  'Inclusion proofs show that every event given is in the signed log; they cannot show that no later event of the ' +
    'agreement exists. Compare the tree head with one published later (verify --tree-head) for that.',
  "A person's facts are the index entries the ledger held at export; each is proven by its event, but an entry " +
    'the exporter left out cannot be seen from the file.',
];
