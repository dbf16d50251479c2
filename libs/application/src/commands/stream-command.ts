import type { CalendarDate, DecisionContext } from '@pks/domain';
import type { AppendCondition } from '@pks/event-store';
import type { StreamType } from '../streams/stream-type';

/** Facts a decision read from other streams, and the condition under which they still hold at the append. */
export interface GatheredFacts {
  readonly context: Omit<DecisionContext, 'today'>;
  readonly condition: AppendCondition;
}

/** One command on one stream, as the generic handler runs it. */
export interface StreamCommand<S, E extends { readonly type: string; readonly data: unknown }> {
  readonly stream: StreamType<S, E>;
  readonly id: string;
  /** The command's type, as operators count commands (`SignAgreement`, `RecordMemberDeath`...). */
  readonly name: string;
  /** Reads what the decision needs from other streams; run again on every attempt, on fresh state. */
  readonly gather?: (state: S, today: CalendarDate) => Promise<GatheredFacts>;
  /** The domain's decision: events to append, none when the command changes nothing, or a DomainError. */
  decide(state: S, context: DecisionContext): readonly E[];
  /** Fields of the answer read from the appended events (also when an Idempotency-Key is replayed). */
  describe?(events: readonly E[]): Record<string, unknown>;
}
