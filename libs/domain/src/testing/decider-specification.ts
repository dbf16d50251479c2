import { DomainError, type DomainErrorCode } from '../shared/domain-error';

/** A decider as the specification needs it: pure `decide` and `evolve`, and the state before any event. */
export interface SpecifiedDecider<State, Command, Event, Context> {
  decide(state: State, command: Command, context: Context): Event[];
  evolve(state: State, event: Event): State;
  readonly initialState: State;
}

/**
 * Given/when/then over events, after emmett's DeciderSpecification: `given(history).when(command).then(events)`.
 * The history is folded with `evolve`, so a test states facts in the domain's words, never a hand-built state.
 */
export function deciderSpecification<State, Command, Event, Context>(
  decider: SpecifiedDecider<State, Command, Event, Context>,
  defaultContext: Context,
) {
  return (history: readonly Event[] = []) => ({
    when(command: Command, context: Context = defaultContext) {
      const decide = () => decider.decide(history.reduce(decider.evolve, decider.initialState), command, context);
      return {
        /** The command is accepted with exactly these events (asymmetric matchers allowed). */
        then(expected: readonly unknown[]): Event[] {
          const events = decide();
          expect(events).toEqual(expected);
          return events;
        },
        /** The command is accepted and changes nothing. */
        thenNothingHappens(): void {
          expect(decide()).toEqual([]);
        },
        /** The command is refused with a DomainError of this code (and details matching, when given). */
        thenThrows(code: DomainErrorCode, details?: unknown): DomainError {
          let thrown: unknown;
          try {
            decide();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DomainError);
          expect((thrown as DomainError).code).toBe(code);
          if (details !== undefined) expect((thrown as DomainError).details).toEqual(details);
          return thrown as DomainError;
        },
      };
    },
  });
}
