import { Inject, Injectable } from '@nestjs/common';
import { LedgerIntegrity } from '@pks/application';
import { APP_CONFIG, createLedgerNotary, type AppConfig, type LedgerNotary } from '@pks/infrastructure';
import { StoreOpener } from './store-opener';

/** The ledger's notary for a command that signs or checks tree heads, on the store the environment configures. */
@Injectable()
export class LedgerOpener {
  private notary: LedgerNotary | null | undefined;
  readonly integrity = new LedgerIntegrity();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stores: StoreOpener,
  ) {}

  /** @throws Error when the store keeps no transparency log (EventStoreDB). */
  open(): LedgerNotary {
    this.notary ??= createLedgerNotary(this.config, this.stores.open(), this.integrity, () => new Date().toISOString());
    if (this.notary === null)
      throw new Error(`the ${this.config.eventStore} store keeps no transparency log: no tree heads`);
    return this.notary;
  }
}
