import { Inject, Injectable, Logger } from '@nestjs/common';
import { LedgerIntegrity } from '@pks/application';
import { errorMessage } from '@pks/event-store';
import { APP_CONFIG, type AppConfig, type LedgerNotary } from '@pks/infrastructure';
import { LEDGER_NOTARY } from './ledger.tokens';

/**
 * Runs the notary for the service: checks what was appended since the last signed head before the service takes
 * commands, then signs a new head (after the same check) every TREE_HEAD_INTERVAL_MS when the ledger grew, and
 * once more on shutdown.
 */
@Injectable()
export class LedgerNotaryHost {
  private readonly logger = new Logger('Ledger');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(LEDGER_NOTARY) private readonly notary: LedgerNotary | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly integrity: LedgerIntegrity,
  ) {}

  async start(): Promise<void> {
    if (this.notary === null) {
      this.integrity.report({
        status: 'unverifiable',
        reason: `the ${this.config.eventStore} store keeps no transparency log`,
      });
      return;
    }
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.config.treeHeadIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.notary !== null) await this.tick();
  }

  private async tick(): Promise<void> {
    try {
      const outcome = await (this.notary as LedgerNotary).checkAndSign();
      if ('tampered' in outcome) {
        const { kind, position, streamId, detail } = outcome.tampered;
        this.logger.error(
          `ledger tampered (${kind} at position ${position}, ${streamId ?? 'stream unknown'}): ${detail}; commands are refused, run verify`,
        );
      }
    } catch (error) {
      this.logger.error(`the ledger could not be checked and signed: ${errorMessage(error)}`);
    }
  }
}
