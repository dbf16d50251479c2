import { join } from 'node:path';
import type { ProjectionThreadOptions } from '@pks/projections';
import type { AppConfig } from '../config';

/**
 * Where the projection thread's module is, for a SQLite store whose read models are a file (PROJECTION_THREAD=on);
 * undefined keeps the runner on the service's event loop (EventStoreDB pushes events to it; a store in memory
 * cannot be shared with a thread). Run from the TypeScript sources (tests, benchmarks), the thread compiles them
 * as the service does.
 */
export function projectionThreadOf(config: AppConfig): ProjectionThreadOptions | undefined {
  if (!config.projectionThread || config.eventStore !== 'sqlite' || config.readModelPath === ':memory:')
    return undefined;
  const fromSources = __filename.endsWith('.ts');
  return {
    entry: join(__dirname, `projection-thread.main.${fromSources ? 'ts' : 'js'}`),
    storePath: config.sqlitePath,
    execArgv: fromSources ? ['--require', require.resolve('@swc-node/register')] : [],
  };
}
