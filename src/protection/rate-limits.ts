/**
 * Rate limits on commands, each off at 0: `perCredential` commands per `windowMs` for one
 * `Authorization` value within one organization, and `perOrganization` for all credentials of
 * an organization together.
 *
 * Algorithm: a sliding log. Each limit keeps the times of the commands it let through during the
 * last `windowMs`; a command passes when fewer than N are left. So in ANY span of `windowMs` at
 * most N commands pass (a burst of N + k sends exactly N), with no edge where a fresh window
 * lets another N through. The limits are checked together and a command is recorded only when
 * every limit lets it through: a command refused by either uses none of either budget. Memory is
 * at most N entries per key, kept for `windowMs`.
 *
 * Why not rate-limiter-flexible: its memory and Redis limiters are fixed windows that start at
 * a key's first command ("flexible fixed window"), so N commands at the end of one window and N at
 * the start of the next pass within less than one window (2N); `BurstyRateLimiter` adds a burst
 * allowance on top, which is more, never less; and `consume` counts a refused command as well,
 * so two limits need a second round trip to give a point back. A token bucket would have the
 * same edge (a full bucket plus what refills during the window). The Redis variant here is one
 * Lua script: one round trip, both limits judged and recorded atomically, on Redis's clock so
 * that replicas agree however their clocks drift.
 *
 * A credential is kept only as a sha256 of the organization and the `Authorization` value.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { SharedRedis } from '../state/redis.js';
import { secondsUntil, type Clock } from './types.js';

export interface RateLimitOptions {
  /** `RATE_LIMIT_PER_CREDENTIAL`: commands per window for one credential in one organization; 0 = off. */
  readonly perCredential: number;
  /** `RATE_LIMIT_PER_ORGANIZATION`: commands per window for one organization; 0 = off. */
  readonly perOrganization: number;
  /** `RATE_LIMIT_WINDOW_MS`. */
  readonly windowMs: number;
  /** `commandsRefused` (reason `rate_limit`) is counted. */
  readonly metrics?: Pick<GatewayMetrics, 'commandsRefused'>;
}

/** Who sends a command: its organization and its `Authorization` value (compared exactly). */
export interface RateLimitSubject {
  readonly organization: string;
  readonly authorization: string;
}

export type RateLimitDecision =
  | {
      readonly allowed: true;
      /** Set when Redis failed and the command passed without being judged (fail open). */
      readonly unjudged?: true;
    }
  | {
      readonly allowed: false;
      /** Whole seconds until the limit lets a command through, rounded up, at least 1. */
      readonly retryAfterSeconds: number;
      readonly limit: 'credential' | 'organization';
    };

export interface RateLimits {
  /** Whether any limit is on; when not, `consume` always allows. */
  readonly enabled: boolean;
  /** Judges one command and, when it passes, records it against every limit. */
  consume(subject: RateLimitSubject): Promise<RateLimitDecision>;
}

/** The `RateLimitedError` message of a refused command. */
export const rateLimitedMessage = (limit: 'credential' | 'organization', retryAfterSeconds: number): string =>
  `Too many commands for this ${limit === 'credential' ? 'credential' : 'organization'}: the command was not sent. Try again in ${retryAfterSeconds} s.`;

const ALLOWED: RateLimitDecision = Object.freeze({ allowed: true as const });
const UNJUDGED: RateLimitDecision = Object.freeze({ allowed: true as const, unjudged: true as const });

/** The credential's key material: never the `Authorization` value itself. */
export const credentialHash = ({ organization, authorization }: RateLimitSubject): string =>
  createHash('sha256').update(organization).update('\0').update(authorization).digest('base64url');

function validate(options: RateLimitOptions): void {
  for (const [name, value] of [
    ['perCredential', options.perCredential],
    ['perOrganization', options.perOrganization],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`rate limit ${name} must be a whole number >= 0`);
  }
  if (!Number.isSafeInteger(options.windowMs) || options.windowMs < 1) throw new RangeError('rate limit windowMs must be a whole number >= 1');
}

/** In this process: a sliding log per key in a Map. */
export class MemoryRateLimits implements RateLimits {
  readonly enabled: boolean;
  private readonly logs = new Map<string, SlidingLog>();
  private readonly now: Clock;
  private lastSweep: number;

  constructor(
    private readonly options: RateLimitOptions,
    now: Clock = Date.now,
  ) {
    validate(options);
    this.enabled = options.perCredential > 0 || options.perOrganization > 0;
    this.now = now;
    this.lastSweep = now();
  }

  /** Keys held (for tests and bounds): credential hashes and organizations with a recent command. */
  get size(): number {
    return this.logs.size;
  }

  consume(subject: RateLimitSubject): Promise<RateLimitDecision> {
    return Promise.resolve(this.consumeNow(subject));
  }

  /** `consume` without the promise. */
  consumeNow(subject: RateLimitSubject): RateLimitDecision {
    if (!this.enabled) return ALLOWED;
    const { perCredential, perOrganization, windowMs } = this.options;
    const now = this.now();
    this.sweep(now);
    const since = now - windowMs;
    const credential = perCredential > 0 ? this.log(`c:${credentialHash(subject)}`) : null;
    const organization = perOrganization > 0 ? this.log(`o:${subject.organization}`) : null;
    const refusedBy = (log: SlidingLog | null, limit: number): number | null => {
      if (!log) return null;
      log.prune(since);
      return log.count < limit ? null : log.nthOldest(log.count - limit) + windowMs;
    };
    const credentialFreeAt = refusedBy(credential, perCredential);
    if (credentialFreeAt !== null) return this.refuse('credential', credentialFreeAt, now);
    const organizationFreeAt = refusedBy(organization, perOrganization);
    if (organizationFreeAt !== null) return this.refuse('organization', organizationFreeAt, now);
    credential?.add(now);
    organization?.add(now);
    return ALLOWED;
  }

  private refuse(limit: 'credential' | 'organization', freeAt: number, now: number): RateLimitDecision {
    this.options.metrics?.commandsRefused.inc({ reason: 'rate_limit' });
    return { allowed: false, retryAfterSeconds: secondsUntil(freeAt, now), limit };
  }

  private log(key: string): SlidingLog {
    let log = this.logs.get(key);
    if (!log) {
      log = new SlidingLog();
      this.logs.set(key, log);
    }
    return log;
  }

  /** Once per window, forgets the keys with nothing left in it: memory follows recent traffic. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.options.windowMs) return;
    this.lastSweep = now;
    const since = now - this.options.windowMs;
    for (const [key, log] of this.logs) {
      log.prune(since);
      if (log.count === 0) this.logs.delete(key);
    }
  }
}

/** Times of the commands let through, oldest first. */
class SlidingLog {
  private times: number[] = [];
  private start = 0;

  get count(): number {
    return this.times.length - this.start;
  }

  /** Drops the times at or before `since` (they have left the window). */
  prune(since: number): void {
    const { times } = this;
    while (this.start < times.length && (times[this.start] as number) <= since) this.start += 1;
    if (this.start === times.length) {
      this.times = [];
      this.start = 0;
    } else if (this.start > 64 && this.start * 2 > times.length) {
      this.times = times.slice(this.start);
      this.start = 0;
    }
  }

  nthOldest(n: number): number {
    return this.times[this.start + n] as number;
  }

  add(time: number): void {
    this.times.push(time);
  }
}

/**
 * KEYS[1] the credential's log, KEYS[2] the organization's (sorted sets: member = a unique id,
 * score = time in ms). ARGV: window ms, credential limit, organization limit (0 = off), the
 * command's unique id. Returns {0, 0} when allowed (and recorded in both), else {1 or 2 for the
 * limit that refused, ms until it lets one through}.
 */
const SLIDING_LOG_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limits = { tonumber(ARGV[2]), tonumber(ARGV[3]) }
for i = 1, 2 do
  local limit = limits[i]
  if limit > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
    local count = redis.call('ZCARD', KEYS[i])
    if count >= limit then
      local entry = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
      return { i, tonumber(entry[2]) + window - now }
    end
  end
end
for i = 1, 2 do
  if limits[i] > 0 then
    redis.call('ZADD', KEYS[i], now, ARGV[4])
    redis.call('PEXPIRE', KEYS[i], window)
  end
end
return { 0, 0 }
`;

const SCRIPT_NAME = 'gatewayRateLimitSlidingLog';

type SlidingLogCommand = (credentialKey: string, organizationKey: string, ...args: Array<string | number>) => Promise<[number, number]>;

export interface RedisRateLimitOptions extends RateLimitOptions {
  readonly redis: SharedRedis;
  /** Prefix of every key. Default `ecg:`. */
  readonly keyPrefix?: string;
}

/**
 * Shared by every process on the same Redis: one script call (one round trip) per command.
 * A Redis failure lets the command through unjudged (fail open), bounded by the client's
 * command timeout; the failure is counted and logged rarely (`SharedRedis.failed`).
 */
export class RedisRateLimits implements RateLimits {
  readonly enabled: boolean;
  private readonly prefix: string;
  private readonly command: SlidingLogCommand;
  private readonly instance = randomBytes(6).toString('base64url');
  private sequence = 0;

  constructor(private readonly options: RedisRateLimitOptions) {
    validate(options);
    this.enabled = options.perCredential > 0 || options.perOrganization > 0;
    this.prefix = `${options.keyPrefix ?? 'ecg:'}rl:`;
    const { client } = options.redis;
    if (!(SCRIPT_NAME in client)) client.defineCommand(SCRIPT_NAME, { numberOfKeys: 2, lua: SLIDING_LOG_SCRIPT });
    const command = (client as unknown as Record<string, SlidingLogCommand>)[SCRIPT_NAME] as SlidingLogCommand;
    this.command = command.bind(client);
  }

  /** The Redis keys of a subject: both in one hash slot (`{organization}`), the credential hashed. */
  keys(subject: RateLimitSubject): { readonly credential: string; readonly organization: string } {
    const slot = `${this.prefix}{${subject.organization}}`;
    const organization = `${slot}:o`;
    // With the credential limit off its key is never read: no hash to compute.
    return { credential: this.options.perCredential > 0 ? `${slot}:c:${credentialHash(subject)}` : organization, organization };
  }

  async consume(subject: RateLimitSubject): Promise<RateLimitDecision> {
    if (!this.enabled) return ALLOWED;
    const { perCredential, perOrganization, windowMs, redis } = this.options;
    const keys = this.keys(subject);
    this.sequence = (this.sequence + 1) % Number.MAX_SAFE_INTEGER;
    let reply: [number, number];
    try {
      reply = await this.command(keys.credential, keys.organization, windowMs, perCredential, perOrganization, `${this.instance}:${this.sequence}`);
    } catch (error) {
      redis.failed('rate_limit', error);
      return UNJUDGED;
    }
    redis.succeeded();
    const [refusedBy, waitMs] = reply;
    if (refusedBy === 0) return ALLOWED;
    this.options.metrics?.commandsRefused.inc({ reason: 'rate_limit' });
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), limit: refusedBy === 1 ? 'credential' : 'organization' };
  }
}

export interface CreateRateLimitsOptions extends RateLimitOptions {
  /** Shared state; in this process when absent. */
  readonly redis?: SharedRedis | null;
  readonly keyPrefix?: string;
  /** For the in-memory limits only. */
  readonly now?: Clock;
}

/** Redis-backed when `redis` is given, else in memory. */
export function createRateLimits(options: CreateRateLimitsOptions): RateLimits {
  const { redis, keyPrefix, now, ...limits } = options;
  if (redis) return new RedisRateLimits({ ...limits, redis, ...(keyPrefix === undefined ? {} : { keyPrefix }) });
  return new MemoryRateLimits(limits, now);
}
