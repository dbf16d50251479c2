import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, ReadYourWrites, type Clock } from '@pks/application';
import { latestIndonesianDate } from '@pks/domain';
import { appliedAgreementVersion, ReadModelHost, type ReadModels, type ReadModelsReader } from '@pks/projections';

/**
 * How a read-model query gets its read models: `minPosition` waits until they have applied that position, and a
 * query about one agreement also waits until they have applied that agreement's latest event.
 */
@Injectable()
export class ReadModelsGate {
  constructor(
    private readonly host: ReadModelHost,
    private readonly consistency: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async caughtUp(minPosition: number | undefined): Promise<ReadModels> {
    await this.consistency.waitFor(minPosition, () => this.host.current().runner.appliedPosition());
    return this.host.read((models) => models);
  }

  /** Caught up with `minPosition` and with the agreement's latest event (read your writes without a token). */
  async caughtUpWith(agreementId: string, minPosition: number | undefined): Promise<ReadModels> {
    await this.consistency.waitForAgreement(agreementId, minPosition, {
      appliedVersion: (id) => appliedAgreementVersion(this.host.current().reads, id),
      appliedPosition: () => {
        // Behind: ask for a catch-up now rather than at the next poll (for events of another instance).
        this.host.current().runner.notify();
        return this.host.current().runner.appliedPosition();
      },
    });
    return this.host.read((models) => models);
  }

  /** Each page of a long export is read from the live generation of its moment. */
  readonly reader: ReadModelsReader = (query) => this.host.read((models) => query(models.reads));

  today(): string {
    return latestIndonesianDate(this.clock.now());
  }
}
