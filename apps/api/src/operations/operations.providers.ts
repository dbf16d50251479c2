import type { Provider } from '@nestjs/common';
import { COMMAND_METRICS } from '@pks/application';
import { Readiness } from './health/readiness';
import { MetricsAccessGuard } from './metrics/metrics-access.guard';
import { ReadSideMetrics } from './metrics/read-side-metrics';
import { ServiceMetrics } from './metrics/service-metrics';
import { ReadSideObserver } from './read-side-snapshot';

/** Metrics, readiness and their shared look at the read side. */
export const OPERATIONS_PROVIDERS: Provider[] = [
  ServiceMetrics,
  { provide: COMMAND_METRICS, useExisting: ServiceMetrics },
  ReadSideObserver,
  ReadSideMetrics,
  MetricsAccessGuard,
  Readiness,
];
