import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ReadSideObserver, type ReadSideSnapshot } from '../read-side-snapshot';
import { ServiceMetrics } from './service-metrics';

type Collect = (gauge: Gauge, snapshot: ReadSideSnapshot) => void;

const READ_SIDE_STATES = ['live', 'stalled', 'rebuilding'] as const;

/** Gauges of the read side and the reactors, read at scrape time from one snapshot of the read side. */
@Injectable()
export class ReadSideMetrics {
  constructor(
    metrics: ServiceMetrics,
    private readonly observer: ReadSideObserver,
  ) {
    const gauge = (name: string, help: string, collect: Collect, labelNames: string[] = []) =>
      this.register(metrics, name, help, labelNames, collect);
    gauge('pks_event_store_head_position', 'Global position of the last committed event', (g, s) => {
      if (s.headPosition !== null) g.set(s.headPosition);
    });
    gauge('pks_read_models_applied_position', 'Global position the read models have applied', (g, s) =>
      g.set(s.readModels.appliedPosition),
    );
    gauge('pks_projection_lag_events', 'Events committed and not yet applied by the read models', (g, s) => {
      if (s.readModelLag.events !== null) g.set(s.readModelLag.events);
    });
    gauge('pks_projection_lag_seconds', 'Age of the oldest event the read models have not applied', (g, s) => {
      if (s.readModelLag.seconds !== null) g.set(s.readModelLag.seconds);
    });
    gauge('pks_projection_quarantined_events', 'Events a read model could not apply, set aside', (g, s) =>
      g.set(s.readModels.quarantined),
    );
    gauge(
      'pks_read_models_state',
      'State of the read side: 1 for the current one of live, stalled, rebuilding',
      (g, s) => READ_SIDE_STATES.forEach((state) => g.set({ state }, s.readModels.state === state ? 1 : 0)),
      ['state'],
    );
    gauge('pks_read_models_generation', 'Generation of the read-model file in use', (g, s) =>
      g.set(s.readModels.generation),
    );
    gauge('pks_read_models_rebuild_progress', 'Share of the rebuild target applied (1 when not rebuilding)', (g, s) =>
      g.set(rebuildProgress(s)),
    );
    gauge(
      'pks_projection_thread_heap_bytes',
      "V8 heap of the projection runner's thread after its last pass (absent when the runner is on the main loop)",
      (g, s) => {
        if (s.projectionThreadHeap === null) return;
        g.set({ kind: 'used' }, s.projectionThreadHeap.usedBytes);
        g.set({ kind: 'total' }, s.projectionThreadHeap.totalBytes);
      },
      ['kind'],
    );
    this.reactorGauges(gauge);
  }

  private reactorGauges(gauge: (name: string, help: string, collect: Collect, labels: string[]) => void): void {
    const each =
      (set: (g: Gauge, reactor: ReadSideSnapshot['reactors'][number]) => void) => (g: Gauge, s: ReadSideSnapshot) =>
        s.reactors.forEach((reactor) => set(g, reactor));
    gauge(
      'pks_reactor_position',
      'Global position a reactor has processed',
      each((g, r) => g.set({ reactor: r.name }, r.position)),
      ['reactor'],
    );
    gauge(
      'pks_reactor_lag_events',
      'Events committed and not yet processed by a reactor',
      each((g, r) => r.events !== null && g.set({ reactor: r.name }, r.events)),
      ['reactor'],
    );
    gauge(
      'pks_reactor_lag_seconds',
      'Age of the oldest event a reactor has not processed',
      each((g, r) => r.seconds !== null && g.set({ reactor: r.name }, r.seconds)),
      ['reactor'],
    );
    gauge(
      'pks_reactor_failing',
      '1 while the last pass of a reactor failed (it retries)',
      each((g, r) => g.set({ reactor: r.name }, r.lastError === null ? 0 : 1)),
      ['reactor'],
    );
  }

  private register(metrics: ServiceMetrics, name: string, help: string, labelNames: string[], collect: Collect) {
    const observer = this.observer;
    new Gauge({
      name,
      help,
      labelNames,
      registers: [metrics.registry],
      async collect() {
        this.reset();
        collect(this, await observer.snapshot());
      },
    });
  }
}

function rebuildProgress(snapshot: ReadSideSnapshot): number {
  const target = snapshot.readModels.rebuild?.targetPosition;
  if (snapshot.readModels.state !== 'rebuilding') return 1;
  if (target === undefined || target === null || target === 0) return 0;
  return Math.min(1, snapshot.readModels.appliedPosition / target);
}
