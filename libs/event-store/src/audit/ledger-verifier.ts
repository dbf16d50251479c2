import type { EventIndexer } from '../event-store.port';
import { logLeafOf } from '../ledger/log-leaf';
import { MerkleFrontier, type SubtreeRoot } from '../ledger/merkle-frontier';
import { toHex } from '../ledger/merkle-hashes';
import type { TreeHead } from '../ledger/tree-head';
import type { AuditSource, RawEvent } from './audit-source.port';
import { ChainCheck } from './chain-check';
import { Findings, type Finding, type TamperKind } from './findings';
import { HeadCheck, type HeadToCheck } from './head-check';
import { IdempotencyCheck } from './idempotency-check';
import { IndexCheck } from './index-check';
import { LogCheck, storedEdge } from './log-check';
import { checkStreamRows } from './stream-rows-check';

const PROGRESS_EVERY = 5_000;
/**
 * Checking time between two turns of the event loop: a service checking its tail keeps answering meanwhile, its
 * requests waiting at most this long (1,000 events at a time were 40 ms stalls, seen in the payments' p99).
 */
const TURN_MS = 4;
/** Streams touched since a signed head whose version rows are checked one by one; beyond, all rows are. */
const TOUCHED_STREAMS = 100_000;

export interface VerifyOptions {
  /** The index definition the store keeps (LEDGER_INDEXER): its rows are recomputed from the events. */
  readonly indexer: EventIndexer;
  readonly heads?: readonly HeadToCheck[];
  /**
   * Checks only what was appended after this head (the service's check at start, fast); the log up to it is
   * held to the head's root. Absent: the whole ledger.
   */
  readonly after?: Pick<TreeHead, 'treeSize' | 'rootHash'> | null;
  readonly onProgress?: (position: number, headPosition: number) => void;
}

export interface LedgerVerification {
  readonly result: 'intact' | 'tampered';
  /** Events after this position were checked (0: all of them). */
  readonly checkedAfter: number;
  readonly events: number;
  readonly headPosition: number;
  readonly streams: number;
  /** The root of the events' own tree, at `headPosition`. */
  readonly rootHash: string;
  readonly signedHeadsChecked: number;
  /** The earliest finding: what was done, where, and to which stream. */
  readonly firstAffected: { kind: TamperKind; position: number | null; streamId: string | null } | null;
  readonly findings: Finding[];
  readonly findingsTotal: number;
}

/**
 * Checks a store's ledger in one pass in position order with bounded memory: every event's hash and chain link,
 * that positions and versions leave nothing out and keep their order, every leaf of the log and its stored nodes,
 * the index and idempotency records against the events, every version row, and every signed tree head given.
 */
export async function verifyLedger(source: AuditSource, options: VerifyOptions): Promise<LedgerVerification> {
  const findings = new Findings();
  const headPosition = source.headPosition();
  const start = startingPoint(source, findings, options.after ?? null, headPosition);
  const full = start.size === 0;
  const run = new Pass(source, findings, options, start, full);
  let turnStarted = performance.now();
  for (const raw of source.events(start.size)) {
    run.event(raw, headPosition);
    if (performance.now() - turnStarted >= TURN_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      turnStarted = performance.now();
    }
  }
  const { tree, events, touched } = run.finish();
  const streams = checkStreamRows(source, findings, full || touched.size >= TOUCHED_STREAMS ? undefined : touched);
  const sorted = findings.sorted();
  const first = findings.first();
  return {
    result: findings.total === 0 ? 'intact' : 'tampered',
    checkedAfter: start.size,
    events,
    headPosition,
    streams,
    rootHash: toHex(tree.root()),
    signedHeadsChecked: run.heads.checked,
    firstAffected: first ? { kind: first.kind, position: first.position, streamId: first.streamId } : null,
    findings: sorted,
    findingsTotal: findings.total,
  };
}

/** Where the check starts: the beginning, or a signed head whose root the stored log must still give. */
function startingPoint(
  source: AuditSource,
  findings: Findings,
  after: Pick<TreeHead, 'treeSize' | 'rootHash'> | null,
  headPosition: number,
): { size: number; edge: SubtreeRoot[] } {
  if (after === null || after.treeSize === 0) return { size: 0, edge: [] };
  if (headPosition < after.treeSize) {
    findings.add({
      kind: 'log-truncated',
      position: headPosition + 1,
      streamId: null,
      detail: `the last signed head covers ${after.treeSize} events; the store holds ${headPosition}: its last ${after.treeSize - headPosition} are gone`,
    });
    return { size: 0, edge: [] };
  }
  let edge: SubtreeRoot[];
  try {
    edge = storedEdge(source, after.treeSize);
  } catch {
    const detail = `the log no longer holds the tree of the last signed head (${after.treeSize} events)`;
    findings.add({ kind: 'log-node-mismatch', position: 1, streamId: null, detail });
    return { size: 0, edge: [] };
  }
  if (toHex(MerkleFrontier.of(after.treeSize, edge).root()) !== after.rootHash) {
    findings.add({
      kind: 'signed-head-mismatch',
      position: 1,
      streamId: null,
      detail: `the log's root at the last signed head (${after.treeSize} events) is not the signed root: history before it was rewritten`,
    });
  }
  return { size: after.treeSize, edge };
}

/** The checks that follow the events one at a time. */
class Pass {
  readonly heads: HeadCheck;
  private readonly chain: ChainCheck;
  private readonly log: LogCheck;
  private readonly index: IndexCheck;
  private readonly idempotency: IdempotencyCheck;
  private readonly touched = new Set<string>();
  private expected: number;
  private events = 0;

  constructor(
    source: AuditSource,
    private readonly findings: Findings,
    private readonly options: VerifyOptions,
    start: { size: number; edge: SubtreeRoot[] },
    full: boolean,
  ) {
    this.expected = start.size + 1;
    this.chain = new ChainCheck(source, findings);
    this.log = new LogCheck(source, findings, start);
    this.index = new IndexCheck(source, findings, options.indexer, { after: start.size, full });
    this.idempotency = new IdempotencyCheck(source, findings, start.size);
    this.heads = new HeadCheck(findings, options.heads ?? [], start.size);
  }

  event(raw: RawEvent, headPosition: number): void {
    if (raw.position > this.expected) this.missing(this.expected, raw.position - 1);
    this.expected = raw.position + 1;
    const event = this.chain.check(raw);
    const record = this.idempotency.check(raw);
    this.log.check(raw, logLeafOf(raw, record));
    this.index.check(event, raw.position, raw.streamId);
    this.heads.at(this.log.tree.size, () => toHex(this.log.tree.root()));
    if (this.touched.size < TOUCHED_STREAMS) this.touched.add(raw.streamId);
    this.events += 1;
    if (this.events % PROGRESS_EVERY === 0) this.options.onProgress?.(raw.position, headPosition);
  }

  finish(): { tree: MerkleFrontier; events: number; touched: ReadonlySet<string> } {
    const last = this.expected - 1;
    this.log.finish(last);
    this.index.finish();
    this.idempotency.finish();
    this.heads.finish(this.log.tree.size);
    this.options.onProgress?.(last, last);
    return { tree: this.log.tree, events: this.events, touched: this.touched };
  }

  /** A gap in the positions: named from the log where it recorded the deleted events, else as positions. */
  private missing(from: number, to: number): void {
    if (this.log.missing(from, to) === to - from + 1) return;
    this.findings.add({
      kind: 'event-missing',
      position: from,
      streamId: null,
      detail: `no event at position${from === to ? ` ${from}` : `s ${from} to ${to}`}: deleted`,
    });
  }
}
