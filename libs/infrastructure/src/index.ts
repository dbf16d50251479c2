// What both apps need to run: configuration from the environment and the one place that chooses adapters.
export * from './app.tokens';
export * from './auth';
export * from './config';
export * from './event-store.factory';
export * from './system-clock';
export * from './ledger/ledger-notary';
export * from './ledger/ledger.factory';
export * from './ledger/tree-head-key.file';
export * from './ledger/tree-heads.file';
export * from './read-side/projection-thread';
