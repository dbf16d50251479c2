import { Injectable } from '@nestjs/common';
import { StoreInconsistencyError, type TamperKind } from '@pks/event-store';

/**
 * What the service knows of its ledger's integrity, from its own checks (at start: what was appended since the
 * last signed tree head; then before each new head it signs):
 * - `unchecked`: not checked yet (the service checks before it takes commands);
 * - `intact`: everything up to `checkedThrough` held, and heads are signed;
 * - `tampered`: the history does not hold; commands are refused, reads are served marked as such;
 * - `unverifiable`: the store keeps no transparency log (EventStoreDB), so no head can be signed or checked.
 */
export type LedgerIntegrityState =
  | { readonly status: 'unchecked' }
  | { readonly status: 'intact'; readonly checkedThrough: number; readonly checkedAt: string }
  | {
      readonly status: 'tampered';
      readonly kind: TamperKind;
      readonly position: number | null;
      readonly streamId: string | null;
      readonly detail: string;
      readonly foundAt: string;
    }
  | { readonly status: 'unverifiable'; readonly reason: string };

/** The ledger's integrity as the service last found it; the command handler asks it before every append. */
@Injectable()
export class LedgerIntegrity {
  private state: LedgerIntegrityState = { status: 'unchecked' };

  current(): LedgerIntegrityState {
    return this.state;
  }

  /** A tampered ledger stays tampered for the life of the process: only an operator (restore, verify) clears it. */
  report(state: LedgerIntegrityState): void {
    if (this.state.status === 'tampered') return;
    this.state = state;
  }

  /** @throws StoreInconsistencyError (503 LEDGER_TAMPERED) once the ledger was found tampered: never build on it. */
  assertWritable(): void {
    const state = this.state;
    if (state.status !== 'tampered') return;
    const { kind, position, streamId } = state;
    throw new StoreInconsistencyError(
      `the ledger was found tampered (${kind} at position ${position}): ${state.detail}`,
      {
        integrity: 'tampered',
        kind,
        position,
        streamId,
      },
    );
  }
}
