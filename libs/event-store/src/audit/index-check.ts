import { entriesOf } from '../event-index';
import type { EventIndexer, RecordedEvent } from '../event-store.port';
import type { AuditedIndexRow, AuditSource } from './audit-source.port';
import type { Findings } from './findings';
import { Peekable } from './peekable';

interface Key {
  readonly key: string;
  readonly unique: boolean;
}

/**
 * The store's index against the keys the indexer derives from each event (the death key that makes a benefit
 * once per NIK, the member keys). In full mode every row is read, in position order, so rows that name no event
 * or that no event gives are found too; from a position on (the service's check since the last signed head),
 * each expected key is looked up.
 */
export class IndexCheck {
  private readonly rows: Peekable<AuditedIndexRow> | null;
  private readonly comparable: boolean;

  constructor(
    private readonly source: AuditSource,
    private readonly findings: Findings,
    private readonly indexer: EventIndexer,
    mode: { after: number; full: boolean },
  ) {
    this.comparable = this.sameDefinition();
    this.rows = mode.full && this.comparable ? new Peekable(source.indexRows(mode.after)) : null;
  }

  check(event: RecordedEvent | null, position: number, streamId: string): void {
    if (!this.comparable) return;
    const expected = event === null ? [] : this.keysOf(event);
    if (this.rows === null) return this.lookUp(expected, position, streamId);
    this.orphans(this.rows.takeWhile((row) => row.position < position));
    const actual = this.rows.takeWhile((row) => row.position === position);
    const byKey = new Map(actual.map((row) => [row.key, row]));
    const missing = expected.filter((k) => byKey.get(k.key)?.unique !== k.unique);
    const given = new Set(expected.map((k) => k.key));
    const extra = actual.filter((row) => !given.has(row.key));
    this.report(position, streamId, missing, extra);
  }

  finish(): void {
    if (this.rows === null) return;
    this.orphans(this.rows.takeWhile(() => true));
    this.rows.close();
  }

  /**
   * Rows built by another definition (an older version of the code, a tool that wrote the file without the
   * ledger's indexer) cannot be compared: the store rebuilds them from the events when it next opens the file.
   * Until then a running service trusts them, so that is reported, once.
   */
  private sameDefinition(): boolean {
    const builtBy = this.source.indexBuiltBy();
    if (builtBy === this.indexer.id) return true;
    this.findings.add({
      kind: 'index-row-mismatch',
      position: null,
      streamId: null,
      detail: `the store's index was built by definition ${builtBy ?? '(none)'}, not ${this.indexer.id}: its rows were not compared (the store rebuilds them from the events when it next opens the file)`,
    });
    return false;
  }

  /** The entries the store keeps for the event: a key given twice is one entry, as the store wrote it. */
  private keysOf(event: RecordedEvent): Key[] {
    try {
      return entriesOf(this.indexer, [event]).map(({ key, unique }) => ({ key, unique }));
    } catch {
      // An event the indexer cannot read was edited; that is reported as such.
      return [];
    }
  }

  private lookUp(expected: Key[], position: number, streamId: string): void {
    const missing = expected.filter((k) => this.source.indexRow(k.key, position)?.unique !== k.unique);
    this.report(position, streamId, missing, []);
  }

  private report(position: number, streamId: string, missing: Key[], extra: AuditedIndexRow[]): void {
    if (missing.length === 0 && extra.length === 0) return;
    const parts = [
      missing.length > 0 ? `${missing.length} of its keys missing or altered (${sample(missing)})` : '',
      extra.length > 0 ? `${extra.length} keys it does not give (${sample(extra)})` : '',
    ];
    this.findings.add({
      kind: 'index-row-mismatch',
      position,
      streamId,
      detail: `the store's index disagrees with the event at position ${position}: ${parts.filter(Boolean).join('; ')}`,
    });
  }

  private orphans(rows: AuditedIndexRow[]): void {
    const byPosition = new Map<number, AuditedIndexRow[]>();
    for (const row of rows) byPosition.set(row.position, [...(byPosition.get(row.position) ?? []), row]);
    for (const [position, held] of byPosition) {
      this.findings.add({
        kind: 'index-row-mismatch',
        position,
        streamId: null,
        detail: `the store's index holds ${held.length} keys (${sample(held)}) for position ${position}, where there is no event`,
      });
    }
  }
}

function sample(keys: readonly { key: string }[]): string {
  const shown = keys.slice(0, 3).map((k) => k.key);
  return keys.length > 3 ? `${shown.join(', ')}...` : shown.join(', ');
}
