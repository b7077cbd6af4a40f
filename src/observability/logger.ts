/**
 * Structured JSON logs (pino). Lines carry ids, statuses and durations, never credentials: the
 * forwarded headers are redacted wherever they might appear.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config.js';

export type { Logger } from 'pino';

const secretHeaders = ['authorization', '"x-api-key"', '"via-client-sessionid"', 'cookie'];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'engagement-center-gateway' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: secretHeaders.flatMap((name) => [`headers.${name}`, `*.headers.${name}`]),
        censor: '[redacted]',
      },
    },
    destination,
  );
}
