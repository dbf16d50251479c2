import type { Command } from 'commander';
import { APP_CONFIG, type AppConfig } from '@pks/infrastructure';
import { rebuildReadModels, type RebuildProgress } from '@pks/projections';
import { EXIT, inContext, print } from '../cli-context';
import { LedgerOpener } from '../ledger-opener';
import { StoreOpener } from '../store-opener';

const PROGRESS_EVERY_MS = 1_000;

/**
 * `rebuild`: every read model from the events into a new generation; a running service swaps it in. Nothing is
 * folded from a tampered ledger: what was appended since the last signed head is checked first (exit 1 when it
 * does not hold; `verify` checks the rest).
 */
export function registerRebuild(program: Command): void {
  program
    .command('rebuild')
    .description('rebuild every read model from the events into a new generation (resumes after a kill)')
    .action(() =>
      inContext(async (context) => {
        const config = context.get<AppConfig>(APP_CONFIG);
        const checked = await checkLedger(context.get(LedgerOpener));
        if (checked !== null) {
          print({ command: 'rebuild', result: 'tampered', ...checked });
          return EXIT.failed;
        }
        let lastPrint = 0;
        const result = await rebuildReadModels(
          config.readModelPath,
          context.get(StoreOpener).open(),
          (p: RebuildProgress) => {
            if (Date.now() - lastPrint < PROGRESS_EVERY_MS) return;
            lastPrint = Date.now();
            process.stderr.write(
              `rebuild g${p.generation}: ${p.appliedPosition}/${p.headPosition} events, ` +
                `${p.eventsPerSecond} events/s, ETA ${p.etaSeconds ?? '?'} s\n`,
            );
          },
        );
        print({ command: 'rebuild', ...result, quarantinedCount: result.quarantined.length });
        return EXIT.ok;
      }),
    );
}

/** The tampering found since the last signed head, or null; a store without a log (EventStoreDB) is not checked. */
async function checkLedger(ledger: LedgerOpener) {
  let notary;
  try {
    notary = ledger.open();
  } catch {
    return null;
  }
  const outcome = await notary.checkAndSign();
  return 'tampered' in outcome ? outcome.tampered : null;
}
