import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkAuditFile } from '../audit/audit-file-check';
import { EXIT, print } from '../cli-context';

/**
 * `verify-audit FILE [--public-key PEM]`: checks an `export-audit` file offline, with no database and no
 * configuration: the head's signature (and that its key is the one pinned, if given), every event's hash and
 * inclusion proof, the agreement's chain from version 1, the people facts, the fold of the history.
 * Exit 0 valid, 1 invalid (`failures` names each and where), 2 the file could not be read.
 */
export function registerVerifyAudit(program: Command): void {
  program
    .command('verify-audit <file>')
    .description('check an audit file offline (exit 0 valid, 1 invalid, 2 unreadable)')
    .option('--public-key <pem-file>', "the ledger's public key, kept by the auditor: the head must be signed by it")
    .action((path: string, options: { publicKey?: string }) => {
      let content: unknown;
      let pinned: string | undefined;
      try {
        content = JSON.parse(readFileSync(path, 'utf8'));
        pinned = options.publicKey === undefined ? undefined : readFileSync(options.publicKey, 'utf8');
      } catch (error) {
        process.stderr.write(
          `verify-audit could not read ${path}: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exitCode = EXIT.couldNotRun;
        return;
      }
      const check = checkAuditFile(content, pinned);
      print({ command: 'verify-audit', file: path, ...check });
      process.exitCode = check.result === 'valid' ? EXIT.ok : EXIT.failed;
    });
}
