import type { Command } from 'commander';
import { APP_CONFIG, type AppConfig } from '@pks/infrastructure';
import { inContext, print } from '../cli-context';
import { progress } from '../progress';
import { VERIFY_EXIT_CODES, verifyLedgerFile } from '../verify-ledger';

/**
 * `verify [--tree-head FILE]...`: the whole ledger in one streaming pass (chains, positions, the transparency
 * log, index, idempotency records, version rows) against every signed head the service issued and every head an
 * auditor kept. Exit 0 intact, 1 tampered (the first position, stream and kind), 2 could not run.
 */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify the whole ledger (exit 0 intact, 1 tampered, 2 could not run)')
    .option('--tree-head <file>', 'also hold the ledger to a signed tree head kept earlier (repeatable)', collect, [])
    .action((options: { treeHead: string[] }) =>
      inContext(async (context) => {
        const config = context.get<AppConfig>(APP_CONFIG);
        const report = await verifyLedgerFile(config, options.treeHead, progress('verify', 'events'));
        print(report);
        if (report.result === 'could-not-run') process.stderr.write(`verify could not run: ${report.message}\n`);
        return VERIFY_EXIT_CODES[report.result];
      }),
    );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
