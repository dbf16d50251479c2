import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApplicationError } from '@pks/application';
import { ReadModelHost, ReadModelsRebuildingError } from '@pks/projections';
import { catchError, type Observable } from 'rxjs';

/**
 * Read-model queries on a damaged or rebuilding read side: a damaged database found by the query is set aside
 * (the host rebuilds it from the events), and until the fresh generation has caught up every query answers
 * 503 NOT_CAUGHT_UP with Retry-After, never a 500 nor a partial answer.
 */
@Injectable()
export class ReadModelFaultsInterceptor implements NestInterceptor {
  constructor(private readonly host: ReadModelHost) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (this.host.reportDamage(error) || error instanceof ReadModelsRebuildingError) throw this.rebuilding();
        throw error;
      }),
    );
  }

  private rebuilding(): ApplicationError {
    const { appliedPosition, rebuild } = this.host.health();
    return new ApplicationError(
      'NOT_CAUGHT_UP',
      'the read models are being rebuilt from the events (after damage, or because the store they followed changed); retry later',
      { appliedPosition, targetPosition: rebuild?.targetPosition ?? null },
    );
  }
}
