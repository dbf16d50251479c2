import type { EventStore } from '@pks/event-store';
import type { MemberAgreementsProjection } from './member-agreements.projection';
import type { ProjectionRunner } from './projection-runner';

/**
 * Answers "which agreements was this NIK enrolled in" from the read model, after applying every event committed
 * before the question: a rule that depends on it (scholarship months) never sees a stale answer.
 */
export class ReadModelMemberDirectory {
  constructor(
    private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    private readonly memberAgreements: MemberAgreementsProjection,
  ) {}

  async agreementsOf(nik: string): Promise<string[]> {
    await this.runner.catchUpTo(await this.store.headPosition());
    return this.memberAgreements.agreementsOf(nik);
  }
}
