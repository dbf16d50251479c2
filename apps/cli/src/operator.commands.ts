import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, verifyChain, type EventStore, type RecordedEvent } from '@pks/event-store';
import { rebuildReadModels, type RebuildProgress } from '@pks/projections';
import { APP_CONFIG, type AppConfig } from '@pks/infrastructure';

const PAGE = 5_000;
const PROGRESS_EVERY_MS = 1_000;

/** Auditor and operator commands. Each writes its report as JSON to stdout and its progress to stderr. */
@Injectable()
export class OperatorCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Rebuilds the read models into a new generation; a running app swaps it in once it is complete. */
  async rebuild(): Promise<number> {
    let lastPrint = 0;
    const result = await rebuildReadModels(this.config.readModelPath, this.store, (p: RebuildProgress) => {
      if (Date.now() - lastPrint < PROGRESS_EVERY_MS) return;
      lastPrint = Date.now();
      process.stderr.write(
        `rebuild g${p.generation}: ${p.appliedPosition}/${p.headPosition} events, ` +
          `${p.eventsPerSecond} events/s, ETA ${p.etaSeconds ?? '?'} s\n`,
      );
    });
    print({ command: 'rebuild', ...result, quarantinedCount: result.quarantined.length });
    return 0;
  }

  /** Recomputes every stream's hash chain: any edit of stored history shows up as a broken link. */
  async verify(): Promise<number> {
    const chains = new Map<string, RecordedEvent[]>();
    let events = 0;
    for (let after = 0; ;) {
      const page = await this.store.readAll({ after, limit: PAGE });
      if (page.length === 0) break;
      for (const event of page) {
        const chain = chains.get(event.streamId);
        if (chain) chain.push(event);
        else chains.set(event.streamId, [event]);
      }
      events += page.length;
      after = page[page.length - 1].position;
    }
    const broken = [...chains]
      .map(([streamId, chain]) => ({ streamId, result: verifyChain(chain) }))
      .filter((entry) => !entry.result.ok);
    print({ command: 'verify', streams: chains.size, events, broken });
    return broken.length === 0 ? 0 : 1;
  }
}

function print(report: unknown): void {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
