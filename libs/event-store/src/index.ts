// The port and what every adapter shares. Adapters are imported from '@pks/event-store/adapters', by apps only.
// The contract suite (event-store.contract.ts) is deliberately not exported: it uses jest globals.
export * from './event-store.port';
export * from './event-store.errors';
export { canonicalJson } from './canonical-json';
export { hashEvent, verifyChain, type ChainVerification } from './hash-chain';
export { errorMessage, sqliteCode, storageFailure, type StorageFailure } from './storage-errors';
