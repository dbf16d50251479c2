import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { EXIT } from './cli-context';
import { registerExportAudit } from './commands/export-audit.command';
import { registerImportCohort } from './commands/import-cohort.command';
import { registerRebuild } from './commands/rebuild.command';
import { registerReplay } from './commands/replay.command';
import { registerToken } from './commands/token.command';
import { registerTreeHead } from './commands/tree-head.command';
import { registerVerifyAudit } from './commands/verify-audit.command';
import { registerVerify } from './commands/verify.command';

/** Every command of the operator's and auditor's CLI: one file each under commands/, registered here. */
const COMMANDS: readonly ((program: Command) => void)[] = [
  registerImportCohort,
  registerRebuild,
  registerToken,
  registerVerify,
  registerTreeHead,
  registerReplay,
  registerExportAudit,
  registerVerifyAudit,
];

const program = new Command('pks-ledger-cli')
  .description('operator and auditor commands of pks-ledger, on the store the environment configures')
  .exitOverride()
  .configureOutput({ writeOut: (text) => process.stderr.write(text), writeErr: (text) => process.stderr.write(text) });
for (const register of COMMANDS) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode =
      error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    return;
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = EXIT.couldNotRun;
});
