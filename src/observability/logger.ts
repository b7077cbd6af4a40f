/**
 * Structured JSON logs (pino). Lines carry ids, statuses and durations, never credentials: the
 * forwarded headers are redacted wherever they might appear.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config.js';

export type { Logger } from 'pino';

// No log line is built from headers; should one ever be, these are blanked (exact paths: cheap).
const secretHeaders = ['authorization', '"x-api-key"', '"via-client-sessionid"', 'cookie'];

/** Default: stdout, written asynchronously, lines batched while a write is under way (`flushLogs` before exiting). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'engagement-center-gateway' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: secretHeaders.flatMap((name) => [`headers.${name}`, `request.headers.${name}`]), censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** Writes out what the batched destination still holds. */
export const flushLogs = (logger: Logger): Promise<void> =>
  new Promise((resolve) => {
    logger.flush(() => resolve());
  });
