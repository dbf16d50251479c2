import { existsSync, readFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { LEDGER_INDEXER } from '@pks/application';
import {
  errorMessage,
  isSignedBy,
  parseSignedTreeHead,
  StoreInconsistencyError,
  StoreUnavailableError,
  verifyLedger,
  type HeadToCheck,
  type LedgerVerification,
} from '@pks/event-store';
import { SqliteAuditSource } from '@pks/event-store/adapters';
import { TreeHeadsFile, type AppConfig } from '@pks/infrastructure';
import type { Progress } from './progress';

/**
 * What `verify` found. `intact` (exit 0): nothing found; `tampered` (exit 1): `firstAffected` names the first
 * position and stream touched and the kind of tampering, `findings` every piece of evidence; `could-not-run`
 * (exit 2): the store could not be read to the end, so nothing is claimed.
 */
export type VerifyReport =
  | ({ command: 'verify'; result: 'intact' | 'tampered'; seconds: number; signedHeads: HeadSources } & Omit<
      LedgerVerification,
      'result' | 'checkedAfter' | 'signedHeadsChecked'
    >)
  | {
      command: 'verify';
      result: 'could-not-run';
      reason: 'damaged-store-file' | 'store-inconsistent' | 'store-unavailable' | 'not-a-sqlite-store' | 'error';
      message: string;
    };

interface HeadSources {
  checked: number;
  /** The service's heads file and the files given with --tree-head. */
  from: string[];
  /** Why the service's heads could not be checked (no key to check them with), when they could not. */
  unverifiable?: string;
}

export const VERIFY_EXIT_CODES = { intact: 0, tampered: 1, 'could-not-run': 2 } as const;

/** The whole ledger of the configured SQLite file, against its signed heads and every head file given. */
export async function verifyLedgerFile(
  config: AppConfig,
  treeHeadFiles: readonly string[],
  shown: Progress,
): Promise<VerifyReport> {
  if (config.eventStore !== 'sqlite') {
    const message = `verify audits the SQLite store file; EVENT_STORE=${config.eventStore} keeps no file (and no log) to audit`;
    return { command: 'verify', result: 'could-not-run', reason: 'not-a-sqlite-store', message };
  }
  const began = Date.now();
  let source: SqliteAuditSource | undefined;
  try {
    const heads = collectHeads(config, treeHeadFiles);
    source = new SqliteAuditSource(config.sqlitePath);
    const verification = await verifyLedger(source, {
      indexer: LEDGER_INDEXER,
      heads: heads.heads,
      onProgress: (done, total) => shown.update(done, total),
    });
    const { result, checkedAfter: _after, signedHeadsChecked, ...found } = verification;
    const seconds = (Date.now() - began) / 1000;
    return {
      command: 'verify',
      result,
      seconds,
      ...found,
      signedHeads: { ...heads.sources, checked: signedHeadsChecked },
    };
  } catch (error) {
    return { command: 'verify', result: 'could-not-run', ...failure(error) };
  } finally {
    shown.stop();
    source?.close();
  }
}

function collectHeads(config: AppConfig, files: readonly string[]): { heads: HeadToCheck[]; sources: HeadSources } {
  const key = ledgerKey(config.treeHeadKeyPath);
  const heads: HeadToCheck[] = [];
  for (const kept of new TreeHeadsFile(config.treeHeadsPath).all()) {
    if (key === null) break;
    const from = `${config.treeHeadsPath}:${kept.line}`;
    if ('head' in kept) heads.push({ head: kept.head, from, signatureValid: isSignedBy(kept.head, key) });
    else heads.push({ from, unreadable: kept.error });
  }
  for (const file of files) heads.push(headOfFile(file, key));
  const unverifiable =
    key === null ? `no key at ${config.treeHeadKeyPath} to check ${config.treeHeadsPath} with` : undefined;
  return {
    heads,
    sources: { checked: 0, from: [config.treeHeadsPath, ...files], ...(unverifiable ? { unverifiable } : {}) },
  };
}

/** A head an auditor kept: the output of `tree-head` ({ treeHead, publicKey }) or a bare signed head. */
function headOfFile(file: string, ledger: KeyObject | null): HeadToCheck {
  const content = JSON.parse(readFileSync(file, 'utf8')) as { treeHead?: unknown; publicKey?: unknown };
  const head = parseSignedTreeHead(content.treeHead ?? content);
  const key = typeof content.publicKey === 'string' ? content.publicKey : ledger;
  if (key === null) throw new Error(`${file} holds no public key, and there is no ledger key to check its head with`);
  return { head, from: file, signatureValid: isSignedBy(head, key) };
}

/** The public half of the ledger's key, read (never created) from its file. */
function ledgerKey(path: string): KeyObject | null {
  if (path === ':memory:' || !existsSync(path)) return null;
  return createPublicKey(createPrivateKey(readFileSync(path, 'utf8')));
}

function failure(error: unknown): Pick<Extract<VerifyReport, { result: 'could-not-run' }>, 'reason' | 'message'> {
  const message = errorMessage(error);
  if (error instanceof StoreInconsistencyError) {
    return { reason: error.details.damage === 'file' ? 'damaged-store-file' : 'store-inconsistent', message };
  }
  if (error instanceof StoreUnavailableError) return { reason: 'store-unavailable', message };
  return { reason: 'error', message };
}
