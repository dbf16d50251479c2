import type { RecordedEvent } from '../event-store.port';
import { hashEvent, hashStoredEvent } from '../hash-chain';
import type { AuditSource, EventRef, RawEvent } from './audit-source.port';
import type { Findings } from './findings';

/** Streams whose last event seen is kept in memory; beyond that the previous event is read from the store. */
const RECENT_STREAMS = 100_000;

/**
 * Each event's own hash and its link to the previous event of its stream, in position order: the per-stream
 * chains, checked without holding any stream in memory (bounded: the last event of recent streams).
 */
export class ChainCheck {
  private readonly recent = new Map<string, EventRef>();

  constructor(
    private readonly source: AuditSource,
    private readonly findings: Findings,
  ) {}

  /** @returns the decoded event, or null when its stored content is not even JSON. */
  check(raw: RawEvent): RecordedEvent | null {
    const event = this.decode(raw);
    // The stored text, hashed as it is, is the fast path; only a mismatch is worth the canonical form's cost.
    const intact = hashStoredEvent(raw) === raw.hash;
    if (!intact && event !== null && hashEvent(raw.streamId, raw.version, event, raw.previousHash) !== raw.hash) {
      this.report(raw, 'event-edited', `the content of ${raw.streamId} version ${raw.version} does not match its hash`);
    }
    this.link(raw);
    if (this.recent.size >= RECENT_STREAMS) this.recent.clear();
    this.recent.set(raw.streamId, raw);
    return event;
  }

  private decode(raw: RawEvent): RecordedEvent | null {
    try {
      return raw.decode();
    } catch {
      this.report(
        raw,
        'event-edited',
        `the stored data or metadata of ${raw.streamId} version ${raw.version} is not JSON`,
      );
      return null;
    }
  }

  private link(raw: RawEvent): void {
    const { streamId, version, position } = raw;
    if (version === 1) {
      if (raw.previousHash !== null)
        this.report(raw, 'chain-broken', `the first event of ${streamId} links to a previous one`);
      return;
    }
    const previous = this.previousOf(raw);
    if (previous === undefined) return this.reportGap(raw);
    if (previous.position > position) {
      this.report(
        raw,
        'events-reordered',
        `${streamId} version ${version} is at position ${position}, before version ${version - 1} (position ${previous.position})`,
      );
    } else if (raw.previousHash !== previous.hash) {
      this.report(
        raw,
        'chain-broken',
        `the previousHash of ${streamId} version ${version} is not the hash of version ${version - 1} (position ${previous.position}): that event was rewritten`,
      );
    }
  }

  private previousOf(raw: RawEvent): EventRef | undefined {
    const recent = this.recent.get(raw.streamId);
    if (recent?.version === raw.version - 1) return recent;
    return this.source.eventOf(raw.streamId, raw.version - 1);
  }

  private reportGap(raw: RawEvent): void {
    const before = this.source.lastEventBefore(raw.streamId, raw.version);
    const from = (before?.version ?? 0) + 1;
    this.findings.add({
      kind: 'event-missing',
      position: raw.position,
      streamId: raw.streamId,
      version: from,
      detail: `${raw.streamId} has no version${from < raw.version - 1 ? `s ${from} to` : ''} ${raw.version - 1}: deleted (its next event is at position ${raw.position})`,
      between: [before?.position ?? 0, raw.position],
    });
  }

  private report(raw: RawEvent, kind: 'event-edited' | 'chain-broken' | 'events-reordered', detail: string): void {
    this.findings.add({ kind, position: raw.position, streamId: raw.streamId, version: raw.version, detail });
  }
}
