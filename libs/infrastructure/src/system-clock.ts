import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '@pks/application';

/** The machine's clock, as UTC instants. */
export class SystemClock implements Clock {
  now(): string {
    return new Date().toISOString();
  }
}

/** Random UUIDs (v4). */
export class RandomIds implements IdGenerator {
  newId(): string {
    return randomUUID();
  }
}
