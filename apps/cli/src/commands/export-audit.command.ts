import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { exportAudit } from '../audit/audit-export';
import { EXIT, inContext, print } from '../cli-context';
import { LedgerOpener } from '../ledger-opener';
import { StoreOpener } from '../store-opener';

/**
 * `export-audit --agreement ID --out FILE`: one self-contained file to check the agreement offline
 * (`verify-audit`): its events, the people facts its benefits rely on, their inclusion proofs, a tree head signed
 * now (after checking what was appended since the last one) and the public key. Exit 0 written, 1 the agreement
 * has no events or the ledger was found tampered (nothing written), 2 could not run.
 */
export function registerExportAudit(program: Command): void {
  program
    .command('export-audit')
    .description('write one self-contained, offline-checkable audit file of an agreement')
    .requiredOption('--agreement <id>', 'the agreement id')
    .requiredOption('--out <file>', 'where to write the file')
    .action((options: { agreement: string; out: string }) =>
      inContext(async (context) => {
        const notary = context.get(LedgerOpener).open();
        const signed = await notary.checkAndSign();
        if ('tampered' in signed) {
          print({ command: 'export-audit', result: 'tampered', ...signed.tampered });
          return EXIT.failed;
        }
        const store = context.get(StoreOpener).open();
        const log = store.transparencyLog?.();
        if (!log) throw new Error('this store keeps no transparency log');
        const file = await exportAudit(
          store,
          log,
          signed.head,
          notary.publicKey(),
          options.agreement,
          new Date().toISOString(),
        );
        if (file.events.length === 0) {
          process.stderr.write(`no events for agreement ${options.agreement}\n`);
          return EXIT.failed;
        }
        writeFileSync(options.out, `${JSON.stringify(file, null, 1)}\n`);
        const people = file.people.length;
        print({
          command: 'export-audit',
          result: 'written',
          out: options.out,
          events: file.events.length,
          people,
          treeSize: file.treeHead.treeSize,
        });
        return EXIT.ok;
      }),
    );
}
