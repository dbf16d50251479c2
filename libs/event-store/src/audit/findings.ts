/**
 * What `verify` can find, in the words of the tampering that produces it:
 * - `event-edited`: an event's stored content does not match its own hash;
 * - `event-rewritten`: an event matches a hash recomputed for it, but it is not the event the log recorded at
 *   its position (edited, then rehashed with the project's own code);
 * - `event-missing`: no event at a position the log or the order of positions holds, or a stream version
 *   missing (deleted events, a deleted stream);
 * - `event-forged`: an event the log never recorded (inserted behind the store's back);
 * - `events-reordered`: events at positions other than the ones the log recorded them at, or a stream's
 *   versions out of position order (within a stream or across streams);
 * - `chain-broken`: an event's previousHash does not link to the previous event of its stream;
 * - `log-truncated`: the log or a signed tree head records more events than the store holds (a lost tail,
 *   a restored older copy, deleted last events);
 * - `version-row-mismatch`: a stream's version row disagrees with its last event;
 * - `idempotency-record-mismatch`: an Idempotency-Key record that disagrees with the events it names, or not the
 *   record the log bound into the append's last event (edited, removed or added);
 * - `index-row-mismatch`: the store's index (people keys such as `death:<nik>`) disagrees with the keys the
 *   ledger's indexer derives from the events (a deleted death key would let a second benefit be paid);
 * - `log-node-mismatch`: the log's own stored hashes disagree with each other (its proofs would be wrong);
 * - `signed-head-mismatch`: the root of the events at a signed tree head's size is not the signed root (the
 *   history that head covers was rewritten, even if consistently, by someone who can run the code);
 * - `signed-head-invalid`: a tree head whose signature does not verify with the ledger's key.
 */
export type TamperKind =
  | 'event-edited'
  | 'event-rewritten'
  | 'event-missing'
  | 'event-forged'
  | 'events-reordered'
  | 'chain-broken'
  | 'log-truncated'
  | 'version-row-mismatch'
  | 'idempotency-record-mismatch'
  | 'index-row-mismatch'
  | 'log-node-mismatch'
  | 'signed-head-mismatch'
  | 'signed-head-invalid';

/** At one position, the tampering itself comes before what it throws out of line (a record naming a moved event). */
const RANK: readonly TamperKind[] = [
  'event-missing',
  'event-forged',
  'events-reordered',
  'event-rewritten',
  'event-edited',
  'chain-broken',
  'log-truncated',
  'idempotency-record-mismatch',
  'index-row-mismatch',
  'version-row-mismatch',
  'log-node-mismatch',
  'signed-head-mismatch',
  'signed-head-invalid',
];

/** One piece of evidence: what, the first position and the stream it touches (null when not known), why. */
export interface Finding {
  kind: TamperKind;
  position: number | null;
  streamId: string | null;
  version?: number;
  detail: string;
  /** For a stream's missing versions: the positions of the events around the gap. */
  between?: readonly [number, number];
}

/** The findings of one run, kept up to a bound (a million tampered rows must not exhaust memory), all counted. */
export class Findings {
  private readonly kept: Finding[] = [];
  private readonly seen = new Set<string>();
  private count = 0;

  constructor(private readonly limit = 1_000) {}

  /** A reorder within a stream is seen by the chain and by the log alike: it counts once. */
  add(finding: Finding): void {
    const key = `${finding.kind}|${finding.position}|${finding.streamId}`;
    if (finding.kind === 'events-reordered' && this.seen.has(key)) return;
    this.count += 1;
    if (this.kept.length >= this.limit) return;
    this.kept.push(finding);
    this.seen.add(key);
  }

  get total(): number {
    return this.count;
  }

  /** By position (findings of no position last), each with the stream it touches where another finding names it. */
  sorted(): Finding[] {
    explainStreams(this.kept);
    return [...this.kept].sort(
      (a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || RANK.indexOf(a.kind) - RANK.indexOf(b.kind),
    );
  }

  /**
   * The finding that says best where the tampering starts: the earliest one naming an event. A signed head's
   * mismatch only bounds a range of positions; it comes first only when nothing more precise was found.
   */
  first(): Finding | undefined {
    const sorted = this.sorted();
    return sorted.find((f) => f.kind !== 'signed-head-mismatch') ?? sorted[0];
  }
}

/**
 * Deleted events name no stream. A stream whose versions jump across the deleted positions (and only one) is the
 * stream they belonged to; failing that, another finding at the same position may name it.
 */
function explainStreams(findings: Finding[]): void {
  const gaps = findings.filter((f) => f.kind === 'event-missing' && f.streamId !== null && f.between);
  for (const finding of findings) {
    if (finding.streamId !== null || finding.position === null) continue;
    const position = finding.position;
    const around = gaps.filter(({ between }) => between && between[0] < position && position < between[1]);
    const streams = new Set(around.map((g) => g.streamId));
    const sameSpot = findings.find((f) => f.position === position && f.streamId !== null);
    if (streams.size === 1) finding.streamId = around[0].streamId;
    else if (sameSpot) finding.streamId = sameSpot.streamId;
  }
}
