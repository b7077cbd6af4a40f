/** A real pino logger whose JSON lines are kept in memory, for tests that read the logs. */
import { Writable } from 'node:stream';
import type { LogLevel } from '../../src/config/read-config.js';
import { createLogger, type Logger } from '../../src/observability/logger.js';

export interface CapturedLogs {
  logger: Logger;
  /** Everything written so far, as text. */
  text(): string;
  /** Everything written so far, parsed. */
  lines(): Array<Record<string, unknown>>;
}

/** At `info` unless told (`debug` shows every line a deployment could turn on). */
export function captureLogs(level: LogLevel = 'info'): CapturedLogs {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    logger: createLogger(level, destination),
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export const silentLogger = (): Logger => createLogger('silent');

/** The REST calls the logs tell, in order: those each request's line lists, and lines of their own. */
export const upstreamCallsIn = (logs: CapturedLogs): Array<Record<string, unknown>> =>
  logs.lines().flatMap((line) => (line.msg === 'upstream call' ? [line] : Array.isArray(line.upstream) ? (line.upstream as Array<Record<string, unknown>>) : []));
