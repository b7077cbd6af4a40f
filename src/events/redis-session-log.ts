/**
 * The session log in Redis, shared by every replica that names it: one stream per session whose
 * entry ids are the log's positions, so that `XADD` itself refuses an event stored already (its
 * id is not above the stream's last). Storing is fenced by the session's lease in the same script:
 * only the replica holding it (or taking it when nobody does, as after a restart of Redis) writes.
 * Replays give the last `retainEvents` entries, none older than `retainMs`; a stream keeps
 * `LIVE_MARGIN` entries more than that, so that a relay a little behind still reads every entry
 * (a batch alone may hold more than `retainEvents`), and expires `retainMs` after its last write.
 * Events are stored whoever holds the lease (a poller that lost it while Redis was away still
 * stores what it retrieved: the stream's order refuses anything below its last entry), endings
 * only by the holder.
 * Reading as they come is the relay's job (`redis-relay.ts`).
 */
import type { Redis } from 'ioredis';
import type { WireEvent } from '../datasources/streaming-api.js';
import { ORIGIN, parsePositionId, positionId, type Position } from './log-position.js';
import { encodeEvent, entriesOf, type RawEntry } from './redis-entries.js';
import type { EventKeys } from './redis-keys.js';
import type { RedisRelay } from './redis-relay.js';
import { isRetained, type EndStored, type LogEntry, type RetentionSettings, type SessionLog, type Snapshot, type Stored } from './session-log.js';
import type { SessionKey } from './session-key.js';
import type { UpstreamEndingCode } from './subscription-ended.js';

/** Each event not stored yet; {1 when `holder` holds the lease (taking it when nobody does) else 0, the count added}. */
const APPEND_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
local held = 1
if holder ~= ARGV[1] then
  if holder then held = 0 else redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
end
local added = 0
for i = 6, #ARGV, 2 do
  local id = (tonumber(ARGV[i]) + 1) .. '-0'
  local reply = redis.pcall('XADD', KEYS[2], 'MAXLEN', ARGV[3], id, 'r', ARGV[5], 'e', ARGV[i + 1])
  if type(reply) == 'string' then added = added + 1 end
end
if added > 0 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
return { held, added }
`;

/** The ending, after the stream's last entry and after the floor; its id, or -1 when another replica holds the lease. */
const END_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder ~= ARGV[1] then
  if holder then return -1 end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
local major, minor = tonumber(ARGV[6]), tonumber(ARGV[7])
local top = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)[1]
if top then
  local id = top[1]
  local dash = string.find(id, '-', 1, true)
  local topMajor, topMinor = tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
  if topMajor > major or (topMajor == major and topMinor > minor) then major, minor = topMajor, topMinor end
end
local id = major .. '-' .. (minor + 1)
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[3], id, 'end', ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return id
`;

/** Entries a stream keeps beyond `retainEvents` for relays that read a little behind its writer. */
const LIVE_MARGIN = 1_000;

type AppendCommand = (lease: string, stream: string, ...args: Array<string | number>) => Promise<[number, number]>;
type EndCommand = (lease: string, stream: string, ...args: Array<string | number>) => Promise<string | number>;

export interface RedisSessionLogOptions extends RetentionSettings {
  readonly commands: Redis;
  readonly relay: RedisRelay;
  readonly keys: EventKeys;
  /** How long a lease taken while storing (nobody held it) lasts: the lease keeper's TTL. */
  readonly leaseTtlMs: number;
  readonly now?: () => number;
}

export class RedisSessionLog implements SessionLog {
  private readonly appendCommand: AppendCommand;
  private readonly endCommand: EndCommand;
  private readonly now: () => number;

  constructor(private readonly options: RedisSessionLogOptions) {
    const { commands } = options;
    this.now = options.now ?? Date.now;
    if (!('gatewayEventsAppend' in commands)) commands.defineCommand('gatewayEventsAppend', { numberOfKeys: 2, lua: APPEND_SCRIPT });
    if (!('gatewayEventsEnd' in commands)) commands.defineCommand('gatewayEventsEnd', { numberOfKeys: 2, lua: END_SCRIPT });
    const named = commands as unknown as Record<string, AppendCommand & EndCommand>;
    this.appendCommand = (named.gatewayEventsAppend as AppendCommand).bind(commands);
    this.endCommand = (named.gatewayEventsEnd as EndCommand).bind(commands);
  }

  async append(key: SessionKey, holder: string, events: readonly WireEvent[]): Promise<Stored> {
    const { keys, leaseTtlMs, retainEvents, retainMs } = this.options;
    const receivedAt = new Date(this.now()).toISOString();
    const args = events.flatMap((event) => [event.sequenceNumber, encodeEvent(event)]);
    const [held, added] = await this.appendCommand(keys.lease(key), keys.stream(key), holder, leaseTtlMs, retainEvents + LIVE_MARGIN, retainMs, receivedAt, ...args);
    return { held: held === 1, added };
  }

  async end(key: SessionKey, holder: string, code: UpstreamEndingCode, floor: Position): Promise<EndStored> {
    const { keys, leaseTtlMs, retainEvents, retainMs } = this.options;
    const reply = await this.endCommand(keys.lease(key), keys.stream(key), holder, leaseTtlMs, retainEvents + LIVE_MARGIN, retainMs, code, floor.major, floor.minor);
    return typeof reply === 'string' ? { held: true, position: parsePositionId(reply) } : { held: false };
  }

  async snapshot(key: SessionKey, after: Position | null): Promise<Snapshot> {
    const stream = this.options.keys.stream(key);
    const transaction = this.options.commands.multi().xrevrange(stream, '+', '-', 'COUNT', 1);
    if (after !== null) transaction.xrevrange(stream, '+', `(${positionId(after)}`, 'COUNT', this.options.retainEvents);
    const replies = await transaction.exec();
    if (!replies) throw new Error('The snapshot transaction was discarded.');
    for (const [error] of replies) if (error) throw error;
    const last = (replies[0]?.[1] as RawEntry[] | undefined)?.[0];
    const top = last ? parsePositionId(last[0]) : ORIGIN;
    if (after === null) return { top, retained: [] };
    const now = this.now();
    const newestFirst = (replies[1]?.[1] as RawEntry[] | undefined) ?? [];
    const retained = entriesOf([...newestFirst].reverse()).filter((entry) => isRetained(entry, now, this.options.retainMs));
    return { top, retained };
  }

  watch(key: SessionKey, from: Position, deliver: (entries: readonly LogEntry[]) => void): () => void {
    return this.options.relay.watch(this.options.keys.stream(key), from, deliver);
  }

  close(): Promise<void> {
    return this.options.relay.close();
  }
}
