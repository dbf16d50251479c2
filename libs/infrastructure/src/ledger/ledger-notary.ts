import type { KeyObject } from 'node:crypto';
import type { LedgerIntegrity } from '@pks/application';
import {
  isSignedBy,
  signTreeHead,
  verifyLedger,
  type AuditSource,
  type EventIndexer,
  type Finding,
  type SignedTreeHead,
  type TransparencyLog,
  type TreeHead,
} from '@pks/event-store';
import { publicKeyPem } from './tree-head-key.file';
import type { TreeHeadsFile } from './tree-heads.file';

export interface NotaryParts {
  readonly log: TransparencyLog;
  readonly heads: TreeHeadsFile;
  readonly key: KeyObject;
  readonly now: () => string;
  readonly indexer: EventIndexer;
  /** A read-only snapshot of the store's records, where the store has a file to audit (SQLite). */
  readonly openAudit: (() => AuditSource) | null;
}

/** What a check-then-sign ended with: the head now latest (signed by it, or the last one when nothing grew). */
export type NotaryOutcome =
  | { readonly head: SignedTreeHead; readonly signed: boolean }
  | { readonly tampered: Pick<Finding, 'kind' | 'position' | 'streamId' | 'detail'> };

type Tamper = Extract<NotaryOutcome, { tampered: unknown }>['tampered'];

/**
 * Signs the ledger's tree heads, and never over history it has not checked: before each head it verifies what was
 * appended since the last one (fast: not the whole log) and holds the log up to it to that head's root. A
 * mismatch is reported to LedgerIntegrity (commands are refused from then on) and nothing is signed.
 */
export class LedgerNotary {
  private running: Promise<NotaryOutcome> | null = null;

  constructor(
    private readonly parts: NotaryParts,
    private readonly integrity: LedgerIntegrity,
  ) {}

  /** The signing key's public half (SPKI PEM), for auditors to keep. */
  publicKey(): string {
    return publicKeyPem(this.parts.key);
  }

  /** The last head issued, or null when none was, as answers show it (TreeHeadsFile.latestShown). */
  latest(): SignedTreeHead | null {
    const kept = this.parts.heads.latestShown();
    return kept && 'head' in kept ? kept.head : null;
  }

  /** One check-then-sign at a time: a tick that comes while one runs gets its outcome. */
  checkAndSign(): Promise<NotaryOutcome> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<NotaryOutcome> {
    const last = this.lastHead();
    if ('tampered' in last) return this.refuse(last.tampered);
    const checked = await this.check(last.head);
    if ('tampered' in checked) return this.refuse(checked.tampered);
    const previous = last.head;
    if (previous?.treeSize === checked.treeSize && previous.rootHash === checked.rootHash) {
      this.integrity.report({ status: 'intact', checkedThrough: checked.treeSize, checkedAt: this.parts.now() });
      return { head: previous, signed: false };
    }
    const head = signTreeHead({ ...checked, timestamp: this.parts.now() }, this.parts.key);
    this.parts.heads.append(head);
    this.integrity.report({ status: 'intact', checkedThrough: head.treeSize, checkedAt: head.timestamp });
    return { head, signed: true };
  }

  /** The last head, unless it cannot be trusted (a line that is not a head, a signature that does not verify). */
  private lastHead(): { head: SignedTreeHead | null } | { tampered: Tamper } {
    const kept = this.parts.heads.latest();
    if (kept === null) return { head: null };
    const invalid = (detail: string) => ({
      tampered: { kind: 'signed-head-invalid' as const, position: null, streamId: null, detail },
    });
    if ('error' in kept) return invalid(`the last line of the signed tree heads is not a head (${kept.error})`);
    if (!isSignedBy(kept.head, this.parts.key)) {
      return invalid(
        `the last signed tree head (${kept.head.treeSize} events, ${kept.head.timestamp}) is not signed by the ledger's key`,
      );
    }
    return { head: kept.head };
  }

  /** What the store holds now, checked since `last`: the size and root a new head may state. */
  private async check(
    last: SignedTreeHead | null,
  ): Promise<Pick<TreeHead, 'treeSize' | 'rootHash'> | { tampered: Tamper }> {
    const { openAudit, log, indexer } = this.parts;
    if (openAudit === null) {
      const treeSize = await log.size();
      return { treeSize, rootHash: await log.rootHash(treeSize) };
    }
    const source = openAudit();
    try {
      const verification = await verifyLedger(source, { indexer, after: last, heads: [] });
      const first = verification.findings.find((f) => f.kind === verification.firstAffected?.kind);
      if (first !== undefined) return { tampered: first };
      const { headPosition: treeSize, rootHash } = verification;
      if ((await log.rootHash(treeSize)) === rootHash) return { treeSize, rootHash };
      const detail = `the log's stored root at ${treeSize} events is not the root of its events`;
      return { tampered: { kind: 'log-node-mismatch', position: null, streamId: null, detail } };
    } finally {
      source.close();
    }
  }

  private refuse(tampered: Tamper): NotaryOutcome {
    this.integrity.report({ status: 'tampered', ...tampered, foundAt: this.parts.now() });
    return { tampered };
  }
}
