import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@pks/infrastructure';
import { CliModule } from './cli.module';

/** Exit codes shared by the commands. */
export const EXIT = { ok: 0, failed: 1, couldNotRun: 2, usage: 64 } as const;

/**
 * Runs a command's body in the operator's Nest context (configuration from the environment, the store opened
 * on first use) and sets the exit code it returns; an error that no report covers exits "could not run".
 */
export async function inContext(body: (context: INestApplicationContext) => Promise<number>): Promise<void> {
  let context: INestApplicationContext | undefined;
  try {
    context = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig()), { logger: ['error'] });
    process.exitCode = await body(context);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.couldNotRun;
  } finally {
    await context?.close().catch(() => undefined);
  }
}

/** Writes a command's report as JSON on stdout. */
export function print(report: unknown): void {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
