import type { Command } from 'commander';
import { inContext, print } from '../cli-context';
import { StoreOpener } from '../store-opener';
import { VERIFY_EXIT_CODES, verifyLedger } from '../verify-ledger';

/**
 * `verify`: recomputes every stream's hash chain; any edit of stored history shows up as a broken link. Exit 0
 * intact, 1 tampered (the report names the streams), 2 could not run (a damaged or unreachable store).
 */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify the whole ledger (exit 0 intact, 1 tampered, 2 could not run)')
    .action(() =>
      inContext(async (context) => {
        const stores = context.get(StoreOpener);
        const report = await verifyLedger(() => stores.open());
        print(report);
        if (report.result === 'could-not-run') process.stderr.write(`verify could not run: ${report.message}\n`);
        return VERIFY_EXIT_CODES[report.result];
      }),
    );
}
