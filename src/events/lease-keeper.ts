/**
 * Whether this replica may poll a session now. Without Redis there is one process, and its one
 * channel per session always may (`alwaysHeld`); with Redis, the replica holding the session's
 * lease may (`redis-lease.ts`).
 */

export interface LeaseKeeper {
  /** Who holds it: what fences the writes of this channel's pollers in the session log. */
  readonly holder: string;
  /** Resolves true once this replica may poll, false when `signal` aborted first. */
  acquire(signal: AbortSignal): Promise<boolean>;
  /** Aborted when the lease acquired last is lost (or could not be renewed in time): stop polling at once. */
  readonly lost: AbortSignal;
  /** Stops keeping the lease and gives it up, so another replica with subscribers takes it at once. */
  release(): Promise<void>;
  /** Stops renewing it; it expires by itself (after an ending, when nobody should poll soon). */
  abandon(): void;
}

const NEVER = new AbortController().signal;

export const alwaysHeld: LeaseKeeper = Object.freeze({
  holder: 'this-process',
  acquire: (signal: AbortSignal) => Promise.resolve(!signal.aborted),
  lost: NEVER,
  release: () => Promise.resolve(),
  abandon: () => {},
});
