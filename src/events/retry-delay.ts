/**
 * How long a poller waits before trying again: the answer's `Retry-After` when it has one (at
 * most 60 s), else an exponential backoff from 250 ms to 10 s with jitter, so that the pollers of
 * many sessions that failed together do not retry together.
 */

const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 10_000;
const MAX_RETRY_AFTER_MS = 60_000;

/** The wait before retry number `failures` + 1 (0 after the first failure): 250 ms, 500 ms, 1 s … 10 s, each ±20 %. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(failures, 16));
  return Math.round(Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, base * (0.8 + 0.4 * random()))));
}

/** A `Retry-After` (whole seconds) as a wait: at most 60 s, at least the backoff's floor. */
export const retryAfterMs = (seconds: number): number => Math.min(MAX_RETRY_AFTER_MS, Math.max(BACKOFF_MIN_MS, seconds * 1000));
