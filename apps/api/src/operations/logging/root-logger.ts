import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '@pks/infrastructure';

/** DI token of the service's one pino logger: request lines and the application's own messages. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * The JSON log on stdout (or `destination`, for tests): one object a line, the level as a word and the time as
 * an ISO instant, so that a log shipper needs no pino-specific parsing.
 */
export function createRootLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'pks-ledger' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
