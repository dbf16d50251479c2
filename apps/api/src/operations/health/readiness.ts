import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '@pks/infrastructure';
import { HttpProblem } from '../../http/http-problem';
import { ReadSideObserver, type ReadSideSnapshot } from '../read-side-snapshot';

/**
 * Liveness and readiness for orchestrators. Live: the process answers. Ready: the event store answers and the
 * read side is live (not stalled, not rebuilding) and no further behind than READINESS_MAX_LAG_SECONDS, so that
 * a load balancer sends queries only to instances whose answers are current.
 */
@Injectable()
export class Readiness {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly observer: ReadSideObserver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  live(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) }),
    ]);
  }

  async ready(): Promise<HealthCheckResult> {
    const snapshot = await this.observer.snapshot();
    try {
      return await this.health.check([() => this.eventStore(snapshot), () => this.readSide(snapshot)]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const [code, message] =
        snapshot.storeError !== null || result.status === 'shutting_down'
          ? (['STORE_UNAVAILABLE', 'not ready: the event store does not answer or the service is stopping'] as const)
          : (['NOT_CAUGHT_UP', 'not ready: the read models are behind, stalled or rebuilding'] as const);
      throw new HttpProblem(503, code, message, result);
    }
  }

  private eventStore(snapshot: ReadSideSnapshot) {
    const session = this.indicators.check('eventStore');
    return snapshot.storeError === null
      ? session.up({ store: this.config.eventStore, headPosition: snapshot.headPosition })
      : session.down({ store: this.config.eventStore, error: snapshot.storeError });
  }

  private readSide(snapshot: ReadSideSnapshot) {
    const session = this.indicators.check('readModels');
    const { state, appliedPosition, lastError } = snapshot.readModels;
    const { events, seconds } = snapshot.readModelLag;
    const details = { state, appliedPosition, lagEvents: events, lagSeconds: seconds, lastError };
    const maxLagSeconds = this.config.readinessMaxLagSeconds;
    const behind = seconds === null || seconds > maxLagSeconds;
    if (state === 'live' && !behind) return session.up(details);
    const reason = state !== 'live' ? state : `more than ${maxLagSeconds} s behind`;
    return session.down({ ...details, reason });
  }
}
