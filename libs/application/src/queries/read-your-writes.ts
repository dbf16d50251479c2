import { Inject, Injectable } from '@nestjs/common';
import { ApplicationError } from '../application.errors';

export const CONSISTENCY_TIMEOUT_MS = Symbol('CONSISTENCY_TIMEOUT_MS');
const POLL_MS = 10;

/**
 * The `minPosition` consistency token: a query waits, bounded, until its source has applied that global
 * position, then answers; past the bound it fails with NOT_CAUGHT_UP (503 with Retry-After).
 */
@Injectable()
export class ReadYourWrites {
  constructor(@Inject(CONSISTENCY_TIMEOUT_MS) private readonly timeoutMs: number) {}

  async waitFor(minPosition: number | undefined, appliedPosition: () => Promise<number> | number): Promise<void> {
    if (minPosition === undefined) return;
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const applied = await appliedPosition();
      if (applied >= minPosition) return;
      if (Date.now() >= deadline) {
        throw new ApplicationError(
          'NOT_CAUGHT_UP',
          `the read side has applied position ${applied}, not yet ${minPosition}`,
          { minPosition, appliedPosition: applied },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
