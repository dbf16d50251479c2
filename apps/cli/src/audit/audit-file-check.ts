import { AGREEMENT_STREAM, eventOf, LEDGER_INDEXER, summarize } from '@pks/application';
import { latestIndonesianDate, type AgreementState } from '@pks/domain';
import {
  fromHex,
  hashEvent,
  hashLeaf,
  isSignedBy,
  keyIdOf,
  parseSignedTreeHead,
  verifyChain,
  verifyInclusion,
  type SignedTreeHead,
} from '@pks/event-store';
import { createPublicKey } from 'node:crypto';
import { AUDIT_FORMAT, type AuditedEvent, type AuditFile } from './audit-file';

/** One thing in the file that does not hold, and where. */
export interface AuditFailure {
  readonly what:
    | 'format'
    | 'tree-head-signature'
    | 'key-not-pinned'
    | 'event-edited'
    | 'leaf-mismatch'
    | 'not-in-log'
    | 'history-incomplete'
    | 'fact-unsupported'
    | 'fold-failed';
  readonly position?: number;
  readonly streamId?: string;
  readonly detail: string;
}

export interface AuditCheck {
  readonly result: 'valid' | 'invalid';
  readonly agreementId: string | null;
  readonly treeHead: Pick<SignedTreeHead, 'treeSize' | 'rootHash' | 'timestamp' | 'keyId'> | null;
  readonly events: number;
  readonly people: number;
  /** The agreement's state folded from the file's events, when they hold. */
  readonly finalState: Record<string, unknown> | null;
  readonly failures: readonly AuditFailure[];
}

/**
 * Checks an audit file with nothing but the file (and, optionally, a public key the auditor pinned): the head's
 * signature, each event's hash, its leaf and its inclusion proof up to the head, the agreement's chain from
 * version 1, every person fact against the event that holds it, and the fold of the history.
 */
export function checkAuditFile(content: unknown, pinnedPublicKey?: string): AuditCheck {
  const failures: AuditFailure[] = [];
  const file = content as Partial<AuditFile> | null;
  if (file?.format !== AUDIT_FORMAT || !Array.isArray(file.events) || !Array.isArray(file.people)) {
    failures.push({ what: 'format', detail: `not a ${AUDIT_FORMAT} file` });
    return { result: 'invalid', agreementId: null, treeHead: null, events: 0, people: 0, finalState: null, failures };
  }
  const head = checkHead(file, pinnedPublicKey, failures);
  const everything = [...file.events, ...file.people.flatMap((p) => p.events)];
  if (head !== null) for (const audited of everything) checkEvent(audited, head, failures);
  checkHistory(file as AuditFile, failures);
  checkFacts(file as AuditFile, failures);
  const finalState = fold(file as AuditFile, failures);
  const { treeSize, rootHash, timestamp, keyId } = head ?? ({} as SignedTreeHead);
  return {
    result: failures.length === 0 ? 'valid' : 'invalid',
    agreementId: file.agreementId ?? null,
    treeHead: head === null ? null : { treeSize, rootHash, timestamp, keyId },
    events: file.events.length,
    people: file.people.length,
    finalState,
    failures,
  };
}

function checkHead(
  file: Partial<AuditFile>,
  pinned: string | undefined,
  failures: AuditFailure[],
): SignedTreeHead | null {
  let head: SignedTreeHead;
  try {
    head = parseSignedTreeHead(file.treeHead);
  } catch (error) {
    failures.push({ what: 'format', detail: (error as Error).message });
    return null;
  }
  if (typeof file.publicKey !== 'string' || !isSignedBy(head, file.publicKey)) {
    failures.push({
      what: 'tree-head-signature',
      detail: "the tree head's signature does not verify with the file's public key",
    });
  }
  if (pinned !== undefined && keyIdOf(createPublicKey(pinned)) !== head.keyId) {
    failures.push({ what: 'key-not-pinned', detail: 'the tree head was signed by another key than the one pinned' });
  }
  return head;
}

function checkEvent({ event, leaf, auditPath }: AuditedEvent, head: SignedTreeHead, failures: AuditFailure[]): void {
  const at = { position: event.position, streamId: event.streamId };
  if (hashEvent(event.streamId, event.version, event, event.previousHash) !== event.hash) {
    failures.push({
      what: 'event-edited',
      ...at,
      detail: `${event.streamId} version ${event.version} does not match its hash`,
    });
  }
  const same =
    leaf.position === event.position &&
    leaf.streamId === event.streamId &&
    leaf.version === event.version &&
    leaf.eventHash === event.hash;
  if (!same) failures.push({ what: 'leaf-mismatch', ...at, detail: 'the leaf given is not the leaf of this event' });
  const proven = proves(event.position - 1, head, hashLeaf(leaf), auditPath);
  if (!proven)
    failures.push({
      what: 'not-in-log',
      ...at,
      detail: `the inclusion proof does not reach the root of the head of ${head.treeSize} events`,
    });
}

function proves(index: number, head: SignedTreeHead, leafHash: Buffer, path: readonly string[]): boolean {
  try {
    return verifyInclusion(
      index,
      head.treeSize,
      leafHash,
      path.map((h) => fromHex(h)),
      fromHex(head.rootHash),
    );
  } catch {
    return false;
  }
}

function checkHistory(file: AuditFile, failures: AuditFailure[]): void {
  const events = file.events.map((a) => a.event);
  const streamId = `${AGREEMENT_STREAM.category}-${file.agreementId}`;
  if (events.length === 0 || events[0].version !== 1 || events.some((e) => e.streamId !== streamId)) {
    failures.push({
      what: 'history-incomplete',
      streamId,
      detail: `the file does not hold ${streamId} from version 1`,
    });
    return;
  }
  const chain = verifyChain(events);
  if (!chain.ok)
    failures.push({ what: 'history-incomplete', streamId, detail: `version ${chain.version}: ${chain.reason}` });
}

function checkFacts(file: AuditFile, failures: AuditFailure[]): void {
  const byPosition = new Map(
    [...file.events, ...file.people.flatMap((p) => p.events)].map((a) => [a.event.position, a.event]),
  );
  for (const person of file.people) {
    for (const fact of person.facts) {
      const event = byPosition.get(fact.position);
      const keys = event ? LEDGER_INDEXER.keysOf(event).map((k) => k.key) : [];
      if (event?.streamId === fact.streamId && event.version === fact.version && keys.includes(fact.key)) continue;
      failures.push({
        what: 'fact-unsupported',
        position: fact.position,
        streamId: fact.streamId,
        detail: `no event of the file gives ${fact.key} at position ${fact.position}`,
      });
    }
  }
}

function fold(file: AuditFile, failures: AuditFailure[]): Record<string, unknown> | null {
  try {
    let state: AgreementState = AGREEMENT_STREAM.initialState;
    for (const { event } of file.events) state = AGREEMENT_STREAM.evolve(state, eventOf(AGREEMENT_STREAM, event));
    if (state.status === 'none') return null;
    const last = file.events[file.events.length - 1].event;
    return { ...summarize(state, last.version, latestIndonesianDate(last.metadata.recordedAt)) };
  } catch (error) {
    failures.push({ what: 'fold-failed', detail: `the history does not fold: ${(error as Error).message}` });
    return null;
  }
}
