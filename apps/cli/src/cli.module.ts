import { Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@pks/infrastructure';
import { LedgerOpener } from './ledger-opener';
import { StoreOpener } from './store-opener';

/** The operator's context: the configured event store (opened by the command that needs it), no HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, StoreOpener, LedgerOpener],
    };
  }
}
