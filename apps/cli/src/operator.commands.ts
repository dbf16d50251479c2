import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@pks/infrastructure';
import { rebuildReadModels, type RebuildProgress } from '@pks/projections';
import { StoreOpener } from './store-opener';
import { VERIFY_EXIT_CODES, verifyLedger } from './verify-ledger';

const PROGRESS_EVERY_MS = 1_000;

/** Auditor and operator commands. Each writes its report as JSON to stdout and its progress to stderr. */
@Injectable()
export class OperatorCommands {
  constructor(
    private readonly stores: StoreOpener,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Rebuilds the read models into a new generation; a running app swaps it in once it is complete. */
  async rebuild(): Promise<number> {
    let lastPrint = 0;
    const result = await rebuildReadModels(this.config.readModelPath, this.stores.open(), (p: RebuildProgress) => {
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

  /**
   * Recomputes every stream's hash chain: any edit of stored history shows up as a broken link. Exit 0 intact,
   * 1 tampered (the report names the streams), 2 could not run (a damaged or unreachable store: the reason).
   */
  async verify(): Promise<number> {
    const report = await verifyLedger(() => this.stores.open());
    print(report);
    if (report.result === 'could-not-run') process.stderr.write(`verify could not run: ${report.message}\n`);
    return VERIFY_EXIT_CODES[report.result];
  }
}

function print(report: unknown): void {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
