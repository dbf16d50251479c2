// The port and what every adapter shares. Adapters are imported from '@pks/event-store/adapters', by apps only.
// The contract suite (event-store.contract.ts) is deliberately not exported: it uses jest globals.
export * from './event-store.port';
export * from './event-store.errors';
export { canonicalJson } from './canonical-json';
export { hashEvent, hashStoredEvent, verifyChain, type ChainVerification, type StoredEventText } from './hash-chain';
export { errorMessage, sqliteCode, storageFailure, type StorageFailure } from './storage-errors';
export * from './ledger/merkle-hashes';
export { MerkleFrontier, subtreesOf, type SubtreeRoot } from './ledger/merkle-frontier';
export { verifyConsistency, verifyInclusion } from './ledger/merkle-proof-check';
export * from './ledger/log-leaf';
export * from './ledger/tree-head';
export * from './ledger/transparency-log.port';
export * from './audit/audit-source.port';
export { verifyLedger, type LedgerVerification, type VerifyOptions } from './audit/ledger-verifier';
export type { Finding, TamperKind } from './audit/findings';
export type { HeadToCheck } from './audit/head-check';
