/** DI token of the LedgerNotary of the configured store; null when the store keeps no transparency log. */
export const LEDGER_NOTARY = Symbol('LEDGER_NOTARY');
