import type { Command } from 'commander';
import { EXIT, inContext, print } from '../cli-context';
import { LedgerOpener } from '../ledger-opener';

/**
 * `tree-head`: the current signed tree head, for publishing. What was appended since the last head is checked
 * first and a fresh head signed when the ledger grew; the output (`{ treeHead, publicKey }`) is the file an
 * auditor keeps and later gives to `verify --tree-head` to prove that the ledger only grew since.
 * Exit 0 with the head, 1 when the ledger was found tampered (nothing signed), 2 could not run.
 */
export function registerTreeHead(program: Command): void {
  program
    .command('tree-head')
    .description('print the current signed tree head, signing a fresh one when the ledger grew (exit 1: tampered)')
    .action(() =>
      inContext(async (context) => {
        const notary = context.get(LedgerOpener).open();
        const outcome = await notary.checkAndSign();
        if ('tampered' in outcome) {
          print({ command: 'tree-head', result: 'tampered', ...outcome.tampered });
          return EXIT.failed;
        }
        print({ treeHead: outcome.head, publicKey: notary.publicKey() });
        return EXIT.ok;
      }),
    );
}
