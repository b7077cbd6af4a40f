/**
 * Structured JSON logs (pino). Lines carry ids, statuses and durations, never credentials: the
 * forwarded headers are redacted wherever they might appear. Lines written while serving a sampled
 * traced request also carry its `trace_id` and `span_id` (`trace-context.ts`).
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/read-config.js';
import { activeLogFields, mergeLogFields } from './trace-context.js';

export type { Logger } from 'pino';

// No log line is built from headers; should one ever be, these are blanked (exact paths: cheap).
const secretHeaders = ['authorization', '"x-api-key"', '"via-client-sessionid"', 'cookie'];

/** How long a log line may wait for others to share its write to stdout. */
const FLUSH_INTERVAL_MS = 200;

/** The batched stdout of each logger `createLogger` made, for `flushLogs` to give up on. */
const batchedStdout = new WeakMap<Logger, { destroy(): void }>();

/**
 * Default: stdout, written in batches of 4 KiB or every 200 ms (one write for many lines under
 * load); `flushLogs` before exiting.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  if (!destination) {
    const stdout = pino.destination({ dest: 1, sync: false, minLength: 4096 });
    const logger = pino(options(level), stdout);
    batchedStdout.set(logger, stdout);
    // One flush at a time: while stdout is slow, each pending flush would add its own listeners.
    let flushing = false;
    setInterval(() => {
      if (flushing) return;
      flushing = true;
      logger.flush(() => {
        flushing = false;
      });
    }, FLUSH_INTERVAL_MS).unref();
    return logger;
  }
  return pino(options(level), destination);
}

/** pino's ISO `time`, formatted once per millisecond: lines written in the same one share it. */
let lastMillisecond = -1;
let lastTime = '';
function isoTimeOfThisMillisecond(): string {
  const now = Date.now();
  if (now !== lastMillisecond) {
    lastMillisecond = now;
    lastTime = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTime;
}

function options(level: LogLevel) {
  return {
    level,
    base: { service: 'engagement-center-gateway' },
    timestamp: isoTimeOfThisMillisecond,
    redact: { paths: secretHeaders.flatMap((name) => [`headers.${name}`, `request.headers.${name}`]), censor: '[redacted]' },
    // `trace_id` and `span_id` on every line written while serving a sampled traced request
    // (inside `RequestSpan.run`); nothing added, and nothing allocated, otherwise.
    mixin: activeLogFields,
    mixinMergeStrategy: mergeLogFields,
  };
}

/** The longest a stopping process waits for stdout to take its last lines. */
const LAST_LINES_MS = 2_000;

/**
 * Writes out what the batched destination still holds, waiting at most `withinMs`: a stdout that
 * nobody reads any more (a stalled log collector) must not keep the process from exiting. Past
 * that, what is left is dropped: pino's own flush at exit would otherwise retry it forever.
 */
export const flushLogs = (logger: Logger, withinMs = LAST_LINES_MS): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => {
      batchedStdout.get(logger)?.destroy();
      resolve();
    }, withinMs);
    logger.flush(() => {
      clearTimeout(timer);
      resolve();
    });
  });
