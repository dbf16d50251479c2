import type { RecordedEvent } from '@pks/event-store';
import { projectedEventOf, type ProjectedEvent } from './projected-event';
import type { Projection } from './read-model';

/** A stored event with its agreement event, upcast once for every read model (or why it could not be). */
export interface FedEvent {
  readonly stored: RecordedEvent;
  readonly projected: ProjectedEvent | null | Error;
}

export function fed(stored: RecordedEvent): FedEvent {
  try {
    return { stored, projected: projectedEventOf(stored) };
  } catch (error) {
    return { stored, projected: error instanceof Error ? error : new Error(String(error)) };
  }
}

export function applyFed(projection: Projection, { projected }: FedEvent): void {
  if (projected === null) return; // another stream type: no read model folds it
  if (projected instanceof Error) throw projected;
  projection.apply(projected);
}
