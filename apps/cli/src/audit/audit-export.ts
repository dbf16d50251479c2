import { AGREEMENT_STREAM, PERSON_STREAM, streamIdFor } from '@pks/application';
import { deathKey, memberKey } from '@pks/domain';
import type { EventStore, RecordedEvent, SignedTreeHead, TransparencyLog } from '@pks/event-store';
import { AUDIT_FORMAT, AUDIT_LIMITS, type AuditedEvent, type AuditFile, type PersonFacts } from './audit-file';

const PAGE = 500;

/**
 * The audit file of one agreement, proven against `head` (signed after the ledger was checked up to it): the
 * agreement's events up to the head, and for every NIK whose death it records, the NIK's index facts with the
 * events that hold them and the person's own stream.
 */
export async function exportAudit(
  store: EventStore,
  log: TransparencyLog,
  head: SignedTreeHead,
  publicKey: string,
  agreementId: string,
  now: string,
): Promise<AuditFile> {
  const streamId = streamIdFor(AGREEMENT_STREAM, agreementId);
  const own = await readUpTo(store, streamId, head.treeSize);
  const prove = (event: RecordedEvent) => proven(log, event, head.treeSize);
  const events = await Promise.all(own.map(prove));
  const people: PersonFacts[] = [];
  for (const nik of deathsRecorded(own)) people.push(await personFacts(store, nik, streamId, head.treeSize, prove));
  return {
    format: AUDIT_FORMAT,
    agreementId,
    exportedAt: now,
    treeHead: head,
    publicKey,
    events,
    people,
    limits: AUDIT_LIMITS,
  };
}

async function proven(log: TransparencyLog, event: RecordedEvent, treeSize: number): Promise<AuditedEvent> {
  const { leaf, auditPath } = await log.inclusionProof(event.position, treeSize);
  return { event, leaf, auditPath };
}

/** The NIKs whose death the agreement records: its benefits paid, and deaths learned from other agreements. */
function deathsRecorded(events: readonly RecordedEvent[]): string[] {
  const niks = events
    .filter((e) => e.type === 'DeathBenefitPaid' || e.type === 'MemberDied')
    .map((e) => (e.data as { nik: string }).nik);
  return [...new Set(niks)];
}

async function personFacts(
  store: EventStore,
  nik: string,
  agreementStream: string,
  treeSize: number,
  prove: (event: RecordedEvent) => Promise<AuditedEvent>,
): Promise<PersonFacts> {
  const facts = (await store.lookup([deathKey(nik), memberKey(nik)])).filter((hit) => hit.position <= treeSize);
  const holding: RecordedEvent[] = [];
  for (const hit of facts.filter((h) => h.streamId !== agreementStream)) {
    holding.push(...(await store.readStream(hit.streamId, { fromVersion: hit.version, toVersion: hit.version })));
  }
  const person = await readUpTo(store, streamIdFor(PERSON_STREAM, nik), treeSize);
  const unique = new Map([...holding, ...person].map((e) => [e.position, e]));
  return {
    nik,
    facts,
    events: await Promise.all([...unique.values()].sort((a, b) => a.position - b.position).map(prove)),
  };
}

/** A stream's events whose positions the head covers. */
async function readUpTo(store: EventStore, streamId: string, treeSize: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let from = 1; ; from += PAGE) {
    const page = await store.readStream(streamId, { fromVersion: from, limit: PAGE });
    const covered = page.filter((e) => e.position <= treeSize);
    events.push(...covered);
    if (page.length < PAGE || covered.length < page.length) return events;
  }
}
