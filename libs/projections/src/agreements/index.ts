export { agreementsReadModel } from './agreements.read-model';
export * from './agreements.query';
export * from './coverage.query';
export * from './premiums.query';
export * from './reconciliation.query';
export * from './member.query';
export * from './member-list.query';
export * from './double-funding.query';
export type { PaymentItem } from './premium-ledger.reader';
