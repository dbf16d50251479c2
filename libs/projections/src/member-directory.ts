import type { EventStore } from '@pks/event-store';
import type { ReadModels } from './read-models';

/**
 * Answers "which agreements was this NIK enrolled in" from the read models, after applying every event
 * committed before the question: a rule that depends on it (scholarship months) never sees a stale answer.
 */
export class ReadModelMemberDirectory {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: () => ReadModels,
  ) {}

  async agreementsOf(nik: string): Promise<string[]> {
    const head = await this.store.headPosition();
    for (;;) {
      const models = this.readModels();
      await models.runner.catchUpTo(head);
      // A rebuilt generation may have been swapped in (and the old one closed) while this one caught up.
      if (models === this.readModels()) return models.coverage.agreementsOf(nik);
    }
  }
}
