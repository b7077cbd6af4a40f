/**
 * Where automatic persisted queries (APQ) are remembered: sha256 hash (hex) -> document.
 *
 * In memory: a bounded LRU (`maxEntries`, the least recently used goes first).
 * In Redis (`REDIS_URL`): shared by every replica, so that a query registered through one runs
 * by hash through the others. Bounded the same way, across all replicas together: an index (a
 * sorted set of hashes by last use) goes with the documents; registering beyond `maxEntries`
 * removes the least recently used documents in the same script. Each document also expires
 * `ttlSeconds` after its last use (a backstop should the index ever be lost). A local LRU sits in
 * front of Redis: a document never changes for its hash, so a copy is never stale, and most
 * look-ups need no round trip.
 *
 * Failing open: when Redis fails, `get` answers from the local copy or `null` (the client then
 * sends the document again, as APQ provides) and `set` keeps the document locally only; the
 * failure is counted and logged rarely (`SharedRedis.failed`).
 *
 * Only a 64-hex-digit hash whose document it is is remembered (checked on `set`): a shared store
 * cannot be poisoned with a document under another's hash.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { SharedRedis } from './redis.js';

export interface PersistedQueryStore {
  get(hash: string): Promise<string | null>;
  set(hash: string, query: string): Promise<void>;
}

export interface PersistedQueryOptions {
  /** `PERSISTED_QUERIES_MAX` (default 1000): documents kept at most. */
  readonly maxEntries: number;
}

export interface RedisPersistedQueryOptions extends PersistedQueryOptions {
  readonly redis: SharedRedis;
  /** A document not used for this long is dropped. Default 1 day. */
  readonly ttlSeconds?: number;
  /** Prefix of every key. Default `ecg:`. */
  readonly keyPrefix?: string;
}

export const DEFAULT_PERSISTED_QUERY_TTL_SECONDS = 24 * 60 * 60;

const HASH = /^[0-9a-fA-F]{64}$/;
const isHash = (hash: string): boolean => HASH.test(hash);
/** Whether `hash` is the sha256 (hex, either case) of `query`. */
export const isHashOf = (hash: string, query: string): boolean =>
  isHash(hash) && createHash('sha256').update(query).digest('hex') === hash.toLowerCase();

function validate({ maxEntries }: PersistedQueryOptions): void {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new RangeError('persisted queries maxEntries must be a whole number >= 1');
}

export class MemoryPersistedQueries implements PersistedQueryStore {
  private readonly cache: LRUCache<string, string>;

  constructor(options: PersistedQueryOptions) {
    validate(options);
    this.cache = new LRUCache({ max: options.maxEntries });
  }

  get size(): number {
    return this.cache.size;
  }

  get(hash: string): Promise<string | null> {
    return Promise.resolve(this.getNow(hash));
  }

  set(hash: string, query: string): Promise<void> {
    this.setNow(hash, query);
    return Promise.resolve();
  }

  getNow(hash: string): string | null {
    return this.cache.get(hash) ?? null;
  }

  /** Remembers the document when `hash` is its sha256; whether it did. */
  setNow(hash: string, query: string): boolean {
    if (!isHashOf(hash, query)) return false;
    this.cache.set(hash, query);
    return true;
  }
}

/** KEYS[1] document, KEYS[2] index. ARGV: hash, ttl s. The document, touched, or nil. */
const GET_SCRIPT = `
local query = redis.call('GET', KEYS[1])
if query then
  local t = redis.call('TIME')
  redis.call('ZADD', KEYS[2], tonumber(t[1]) * 1000000 + tonumber(t[2]), ARGV[1])
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return query
`;

/**
 * KEYS[1] document, KEYS[2] index. ARGV: hash, document, ttl s, max entries, document key
 * prefix. Stores, then drops the least recently used beyond the maximum. The dropped documents'
 * keys are built here (they share KEYS[1]'s hash slot through the `{apq}` tag).
 */
const SET_SCRIPT = `
local t = redis.call('TIME')
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
redis.call('ZADD', KEYS[2], tonumber(t[1]) * 1000000 + tonumber(t[2]), ARGV[1])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if excess > 0 then
  local old = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
  for _, hash in ipairs(old) do
    redis.call('DEL', ARGV[5] .. hash)
  end
end
return excess
`;

const GET_NAME = 'gatewayPersistedQueryGet';
const SET_NAME = 'gatewayPersistedQuerySet';

type GetCommand = (documentKey: string, indexKey: string, hash: string, ttl: number) => Promise<string | null>;
type SetCommand = (documentKey: string, indexKey: string, hash: string, query: string, ttl: number, max: number, prefix: string) => Promise<number>;

export class RedisPersistedQueries implements PersistedQueryStore {
  private readonly local: MemoryPersistedQueries;
  private readonly documentPrefix: string;
  private readonly indexKey: string;
  private readonly ttlSeconds: number;
  private readonly getCommand: GetCommand;
  private readonly setCommand: SetCommand;

  constructor(private readonly options: RedisPersistedQueryOptions) {
    validate(options);
    this.local = new MemoryPersistedQueries({ maxEntries: options.maxEntries });
    const base = `${options.keyPrefix ?? 'ecg:'}{apq}`;
    this.documentPrefix = `${base}:q:`;
    this.indexKey = `${base}:lru`;
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_PERSISTED_QUERY_TTL_SECONDS;
    if (!Number.isSafeInteger(this.ttlSeconds) || this.ttlSeconds < 1) throw new RangeError('persisted queries ttlSeconds must be a whole number >= 1');
    const { client } = options.redis;
    if (!(GET_NAME in client)) client.defineCommand(GET_NAME, { numberOfKeys: 2, lua: GET_SCRIPT });
    if (!(SET_NAME in client)) client.defineCommand(SET_NAME, { numberOfKeys: 2, lua: SET_SCRIPT });
    const commands = client as unknown as Record<string, GetCommand & SetCommand>;
    this.getCommand = (commands[GET_NAME] as GetCommand).bind(client);
    this.setCommand = (commands[SET_NAME] as SetCommand).bind(client);
  }

  /** The Redis key of a document. */
  documentKey(hash: string): string {
    return this.documentPrefix + hash;
  }

  async get(hash: string): Promise<string | null> {
    const known = this.local.getNow(hash);
    if (known !== null) return known;
    if (!isHash(hash)) return null;
    let query: string | null;
    try {
      query = await this.getCommand(this.documentKey(hash), this.indexKey, hash, this.ttlSeconds);
    } catch (error) {
      this.options.redis.failed('persisted_query', error);
      return null;
    }
    this.options.redis.succeeded();
    // Checked again: what Redis holds was written by any process with access to it.
    if (query === null || !this.local.setNow(hash, query)) return null;
    return query;
  }

  async set(hash: string, query: string): Promise<void> {
    if (!this.local.setNow(hash, query)) return;
    try {
      await this.setCommand(this.documentKey(hash), this.indexKey, hash, query, this.ttlSeconds, this.options.maxEntries, this.documentPrefix);
    } catch (error) {
      this.options.redis.failed('persisted_query', error);
      return;
    }
    this.options.redis.succeeded();
  }
}

export interface CreatePersistedQueriesOptions extends PersistedQueryOptions {
  /** Shared state; in this process when absent. */
  readonly redis?: SharedRedis | null;
  readonly ttlSeconds?: number;
  readonly keyPrefix?: string;
}

/** Redis-backed when `redis` is given, else in memory. */
export function createPersistedQueryStore(options: CreatePersistedQueriesOptions): PersistedQueryStore {
  const { redis, ...rest } = options;
  if (redis) return new RedisPersistedQueries({ ...rest, redis });
  return new MemoryPersistedQueries({ maxEntries: rest.maxEntries });
}
