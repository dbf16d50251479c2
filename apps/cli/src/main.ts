import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@pks/infrastructure';
import { CliModule } from './cli.module';
import { OperatorCommands } from './operator.commands';

const USAGE = `usage: pks-ledger-cli <command>
  rebuild   rebuild every read model from the events into a new generation (resumes after a kill)
  verify    verify the hash chain of every stream (exit 0 intact, 1 tampered, 2 could not run)`;

/** Exit code of a command that could not run to the end (an error no report covers). */
const COULD_NOT_RUN = 2;

async function main(): Promise<number> {
  const command = process.argv[2];
  if (command !== 'rebuild' && command !== 'verify') {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig()), { logger: ['error'] });
  try {
    return await app.get(OperatorCommands)[command]();
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(COULD_NOT_RUN);
  },
);
