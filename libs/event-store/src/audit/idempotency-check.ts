import type { AuditedIdempotencyRecord, AuditSource, RawEvent } from './audit-source.port';
import type { Findings } from './findings';
import { Peekable } from './peekable';

/**
 * Idempotency-Key records against the events they name: a record says "this key appended versions from..to of
 * this stream, ending at this position", and the events must say the same. What the record holds beyond that (the
 * request's fingerprint) is checked through the log, which bound it into the append's last leaf.
 */
export class IdempotencyCheck {
  private readonly records: Peekable<AuditedIdempotencyRecord>;

  constructor(
    private readonly source: AuditSource,
    private readonly findings: Findings,
    after: number,
  ) {
    this.records = new Peekable(source.idempotencyRecords(after));
  }

  /** @returns the record bound to this event's leaf (the append's last event), if any. */
  check(raw: RawEvent): AuditedIdempotencyRecord | undefined {
    this.orphans(this.records.takeWhile((r) => r.position < raw.position));
    const [record, ...more] = this.records.takeWhile((r) => r.position === raw.position);
    if (record === undefined) return undefined;
    if (more.length > 0)
      this.report(
        raw.position,
        raw.streamId,
        `${more.length + 1} records name the append ending at position ${raw.position}`,
      );
    const wrong = this.disagreement(record, raw);
    if (wrong !== null) this.report(raw.position, raw.streamId, `the record of an Idempotency-Key ${wrong}`);
    return record;
  }

  finish(): void {
    this.orphans(this.records.takeWhile(() => true));
    this.records.close();
  }

  private disagreement(record: AuditedIdempotencyRecord, raw: RawEvent): string | null {
    const { streamId, fromVersion, toVersion, position } = record;
    if (streamId !== raw.streamId || toVersion !== raw.version) {
      return `says its append ended with ${streamId} version ${toVersion}; position ${position} holds ${raw.streamId} version ${raw.version}`;
    }
    if (!Number.isSafeInteger(fromVersion) || fromVersion < 1 || fromVersion > toVersion) {
      return `names versions ${fromVersion} to ${toVersion} of ${streamId}`;
    }
    const first = this.source.eventOf(streamId, fromVersion);
    const expected = position - (toVersion - fromVersion);
    if (first?.position !== expected) {
      return `says ${streamId} version ${fromVersion} began its append at position ${expected}; it is at ${first?.position ?? 'no position'}`;
    }
    return null;
  }

  private orphans(records: AuditedIdempotencyRecord[]): void {
    for (const record of records) {
      this.report(
        record.position,
        record.streamId,
        `the record of an Idempotency-Key names an append of ${record.streamId} ending at position ${record.position}, where there is no event`,
      );
    }
  }

  private report(position: number, streamId: string, detail: string): void {
    this.findings.add({ kind: 'idempotency-record-mismatch', position, streamId, detail });
  }
}
