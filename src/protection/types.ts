/** What the protection and shared-state modules need from their surroundings, injected. */

/** The pino methods these modules log with (`logger.warn(obj, msg)`); a pino `Logger` fits. */
export interface ProtectionLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** Milliseconds since the epoch, `Date.now` unless a test injects its own. */
export type Clock = () => number;

/** Whole seconds until `untilMs`, rounded up, at least 1: what `retryAfterSeconds` carries. */
export const secondsUntil = (untilMs: number, now: number): number => Math.max(1, Math.ceil((untilMs - now) / 1000));
