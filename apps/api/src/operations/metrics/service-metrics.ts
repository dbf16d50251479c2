import { Injectable } from '@nestjs/common';
import type { CommandMetrics, CommandObservation } from '@pks/application';
import type { GroupCommit } from '@pks/event-store/adapters';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds, from a cached command (~0.5 ms) to a 5,000-member batch on a busy disk. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const GROUP_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];
const EVENT_BUCKETS = [1, 10, 100, 1_000, 5_000, 10_000, 50_000];

/**
 * The service's Prometheus metrics of what happens on the write path and over HTTP. Its own registry (not
 * prom-client's global one), so that several apps in one process (the e2e suites) count separately. The read
 * side's gauges are added by {@link ReadSideMetrics}, at scrape time.
 */
@Injectable()
export class ServiceMetrics implements CommandMetrics {
  readonly registry = new Registry();
  private readonly commands = new Counter({
    name: 'pks_commands_total',
    help: 'Commands handled, by type and outcome (appended, unchanged, replayed, refused, failed) and code',
    labelNames: ['type', 'outcome', 'code'] as const,
    registers: [this.registry],
  });
  private readonly commandSeconds = new Histogram({
    name: 'pks_command_duration_seconds',
    help: 'Time to handle a command (load, decide, append), by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly appendSeconds = new Histogram({
    name: 'pks_event_store_append_duration_seconds',
    help: 'Time for the event store to answer one append, accepted or refused (it includes waiting for its commit)',
    labelNames: ['accepted'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly commitSeconds = new Histogram({
    name: 'pks_event_store_commit_duration_seconds',
    help: 'Time of one SQLite group-commit transaction, fsync included',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly groupAppends = new Histogram({
    name: 'pks_event_store_group_commit_appends',
    help: 'Appends committed together in one SQLite transaction (group commit size)',
    buckets: GROUP_BUCKETS,
    registers: [this.registry],
  });
  private readonly groupEvents = new Histogram({
    name: 'pks_event_store_group_commit_events',
    help: 'Events written by one SQLite group commit',
    buckets: EVENT_BUCKETS,
    registers: [this.registry],
  });
  private readonly httpSeconds = new Histogram({
    name: 'pks_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'pks_' });
  }

  commandHandled({ type, outcome, code, seconds }: CommandObservation): void {
    this.commands.inc({ type, outcome, code: code ?? '' });
    this.commandSeconds.observe({ type, outcome }, seconds);
  }

  appendFinished(seconds: number, _events: number, accepted: boolean): void {
    this.appendSeconds.observe({ accepted: String(accepted) }, seconds);
  }

  groupCommitted({ appends, events, seconds }: GroupCommit): void {
    this.commitSeconds.observe(seconds);
    this.groupAppends.observe(appends);
    this.groupEvents.observe(events);
  }

  requestAnswered(method: string, route: string, status: number, seconds: number): void {
    this.httpSeconds.observe({ method, route, status: String(status) }, seconds);
  }
}
