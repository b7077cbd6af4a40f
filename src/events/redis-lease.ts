/**
 * The lease on a session in Redis: the one replica holding it polls the session. Timings, from
 * `STREAMING_LEASE_MS` (L): the key lives L/2 and its holder renews it every L/5; a replica with
 * subscribers tries to take it every L/10 (at most 1 s). A holder that cannot renew it in time
 * (Redis slow or gone) stops polling before the key can have expired. A replica that takes a
 * lease after Redis was emptied (restart, flush: the epoch changed) waits L/5 + L/10 before its
 * first retrieval, so that a holder still polling from before hears of it at its next renewal and
 * stops. So another replica takes over within 0.9 L of a holder's crash.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LeaseKeeper } from './lease-keeper.js';
import { pause } from './pause.js';
import type { EventKeys } from './redis-keys.js';
import type { SessionKey } from './session-key.js';

export interface LeaseTimings {
  readonly ttlMs: number;
  readonly renewEveryMs: number;
  readonly attemptEveryMs: number;
  /** After taking a lease on an emptied Redis. */
  readonly graceMs: number;
}

export function leaseTimings(leaseMs: number): LeaseTimings {
  const attemptEveryMs = Math.max(20, Math.min(1_000, Math.round(leaseMs / 10)));
  const renewEveryMs = Math.round(leaseMs / 5);
  return { ttlMs: Math.round(leaseMs / 2), renewEveryMs, attemptEveryMs, graceMs: renewEveryMs + attemptEveryMs };
}

/** 1: renewed; 2: taken (nobody held it); 0: another holds it. */
const HOLD_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 2
`;

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`;

type LeaseCommand = (lease: string, holder: string, ...args: Array<string | number>) => Promise<number>;

export type Hold = 'renewed' | 'taken' | 'other';

/** The lease commands of one hub, and what it knows of Redis's epoch. */
export class RedisLeases {
  private readonly holdCommand: LeaseCommand;
  private readonly releaseCommand: LeaseCommand;
  private knownEpoch: string | null = null;

  constructor(
    private readonly commands: Redis,
    private readonly keys: EventKeys,
  ) {
    if (!('gatewayEventsHold' in commands)) commands.defineCommand('gatewayEventsHold', { numberOfKeys: 1, lua: HOLD_SCRIPT });
    if (!('gatewayEventsRelease' in commands)) commands.defineCommand('gatewayEventsRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    const named = commands as unknown as Record<string, LeaseCommand>;
    this.holdCommand = (named.gatewayEventsHold as LeaseCommand).bind(commands);
    this.releaseCommand = (named.gatewayEventsRelease as LeaseCommand).bind(commands);
  }

  async hold(key: SessionKey, holder: string, ttlMs: number): Promise<Hold> {
    const reply = await this.holdCommand(this.keys.lease(key), holder, ttlMs);
    return reply === 1 ? 'renewed' : reply === 2 ? 'taken' : 'other';
  }

  async release(key: SessionKey, holder: string): Promise<void> {
    await this.releaseCommand(this.keys.lease(key), holder);
  }

  /** Whether Redis was emptied since this hub last looked; true on a Redis that had no epoch yet. */
  async emptiedSinceLastLook(): Promise<boolean> {
    const mine = randomBytes(9).toString('base64url');
    const previous = (await this.commands.call('SET', this.keys.epoch, mine, 'NX', 'GET')) as string | null;
    const current = previous ?? mine;
    const emptied = previous === null || (this.knownEpoch !== null && this.knownEpoch !== current);
    this.knownEpoch = current;
    return emptied;
  }

  keeper(key: SessionKey, timings: LeaseTimings, failed: (error: unknown) => void): LeaseKeeper {
    return new RedisLeaseKeeper(this, key, timings, failed);
  }
}

class RedisLeaseKeeper implements LeaseKeeper {
  /** One per channel: its pollers, one after the other, hold the lease under it. */
  readonly holder = randomBytes(12).toString('base64url');
  private controller = new AbortController();
  private renewal: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private keeping = false;

  constructor(
    private readonly leases: RedisLeases,
    private readonly key: SessionKey,
    private readonly timings: LeaseTimings,
    private readonly failed: (error: unknown) => void,
  ) {}

  get lost(): AbortSignal {
    return this.controller.signal;
  }

  async acquire(signal: AbortSignal): Promise<boolean> {
    const { ttlMs, attemptEveryMs, graceMs } = this.timings;
    while (!signal.aborted) {
      const sentAt = Date.now();
      let hold: Hold;
      try {
        hold = await this.leases.hold(this.key, this.holder, ttlMs);
      } catch (error) {
        this.failed(error);
        await pause(attemptEveryMs, signal);
        continue;
      }
      if (hold === 'other') {
        await pause(attemptEveryMs, signal);
        continue;
      }
      this.keep(sentAt);
      const emptied = hold === 'taken' && (await this.leases.emptiedSinceLastLook().catch(() => true));
      if (emptied) await pause(graceMs, AbortSignal.any([signal, this.lost]));
      if (!this.lost.aborted) return !signal.aborted;
    }
    return false;
  }

  async release(): Promise<void> {
    this.abandon();
    try {
      await this.leases.release(this.key, this.holder);
    } catch {
      // It expires by itself.
    }
  }

  abandon(): void {
    this.keeping = false;
    clearTimeout(this.renewal);
    clearTimeout(this.expiry);
  }

  /** Held as of `sentAt`: renewed from now on; lost when no renewal succeeds before it can have expired. */
  private keep(sentAt: number): void {
    this.abandon();
    if (this.controller.signal.aborted) this.controller = new AbortController();
    this.keeping = true;
    this.heldUntil(sentAt);
    this.renewal = setTimeout(() => void this.renew(), this.timings.renewEveryMs);
  }

  private heldUntil(sentAt: number): void {
    clearTimeout(this.expiry);
    this.expiry = setTimeout(() => this.lose(), Math.max(0, sentAt + this.timings.ttlMs - Date.now()));
  }

  private lose(): void {
    this.abandon();
    this.controller.abort();
  }

  private async renew(): Promise<void> {
    if (!this.keeping) return;
    const sentAt = Date.now();
    let hold: Hold;
    try {
      hold = await this.leases.hold(this.key, this.holder, this.timings.ttlMs);
    } catch (error) {
      this.failed(error);
      if (this.keeping) this.renewal = setTimeout(() => void this.renew(), this.timings.attemptEveryMs);
      return;
    }
    if (!this.keeping) return;
    if (hold === 'other') {
      this.lose();
      return;
    }
    this.heldUntil(sentAt);
    this.renewal = setTimeout(() => void this.renew(), this.timings.renewEveryMs);
  }
}
