/**
 * The agent events of streaming sessions as shared, ordered, deduplicated streams: the one entry
 * point of the event engine. `subscribe` gives a subscription of one session; the hub keeps one
 * channel per (organization, session, credential) with subscribers here, each polling only while
 * it may (one poller per session across replicas, through a lease in Redis with `REDIS_URL`, in
 * this process otherwise), and enforces the subscription limits. `close` ends every subscription
 * with SHUTTING_DOWN and stops polling.
 */
import type { StreamingSettings } from '../config/read-config.js';
import type { StreamingCredentials } from '../datasources/streaming-api.js';
import type { Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { credentialHash } from '../protection/rate-limits.js';
import type { SharedRedis } from '../state/redis.js';
import { alwaysHeld, type LeaseKeeper } from './lease-keeper.js';
import { MemorySessionLog } from './memory-session-log.js';
import type { StreamingTransport } from './poller.js';
import { connectEventsRedis, type EventsRedis } from './redis-connections.js';
import { eventKeys } from './redis-keys.js';
import { leaseTimings, RedisLeases } from './redis-lease.js';
import { RedisRelay } from './redis-relay.js';
import { RedisSessionLog } from './redis-session-log.js';
import { SessionChannel } from './session-channel.js';
import { sessionKey, type SessionKey } from './session-key.js';
import type { SessionLog } from './session-log.js';
import { Subscriber, type EventSubscription } from './subscriber.js';
import { reasonLabel, type EndReason } from './subscription-ended.js';

export type { AgentEvent } from './agent-event.js';
export { parseEventId } from './agent-event.js';
export type { EventSubscription } from './subscriber.js';
export { SubscriptionEnded } from './subscription-ended.js';

export interface SubscribeRequest {
  readonly organization: string;
  /** The streaming session (`via-client-sessionid`). */
  readonly sessionId: string;
  /** The poller of a new session sends these; `authorization` also picks the poller (one per credential). */
  readonly credentials: StreamingCredentials;
  /** Resume after this sequence number (`after`, `Last-Event-ID`); null: the events stored from now on. */
  readonly after: number | null;
  /** Only these kinds; all when null. */
  readonly kinds: ReadonlySet<string> | null;
  /** Aborting it ends the subscription as its client leaving (like `return()`). */
  readonly signal?: AbortSignal;
  /**
   * Events the transport has taken from the subscription but not yet handed to the operating
   * system (written to a response or socket whose buffer has not drained): counted with the
   * subscription's own queue against `SUBSCRIBER_BUFFER_EVENTS`.
   */
  readonly buffered?: () => number;
}

export interface EventHub {
  /**
   * A subscription of one session's events. It ends by throwing `SubscriptionEnded` (its `code`
   * is the GraphQL error's `extensions.code`), or by returning when its signal aborts or
   * `return()` is called. Over a subscription limit it throws TOO_MANY_SUBSCRIPTIONS at once.
   */
  subscribe(request: SubscribeRequest): EventSubscription;
  /** Open subscriptions in this process. */
  readonly size: number;
  /** Ends every open subscription with SHUTTING_DOWN, stops every poller (leases given up), closes the engine's Redis connections. */
  close(): Promise<void>;
}

export interface EventHubOptions {
  /** Shared with every replica naming it (`REDIS_URL`); null: this process alone. */
  readonly redis: SharedRedis | null;
  /** The Streaming API's calls: a `StreamingClient`. */
  readonly client: StreamingTransport;
  readonly settings: StreamingSettings;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** Prefix of every Redis key. Default `ecg:`. */
  readonly keyPrefix?: string;
  /** Longest wait for one Redis reply on the engine's own connection. Default 2000 ms: events may wait, commands may not. */
  readonly redisTimeoutMs?: number;
}

const DEFAULT_REDIS_TIMEOUT_MS = 2_000;
/** The longest one relay read blocks; a new session interrupts it. */
const RELAY_BLOCK_MS = 5_000;

interface Engine {
  readonly log: SessionLog;
  lease(key: SessionKey): LeaseKeeper;
  readonly storeFailed: (error: unknown) => void;
  close(): Promise<void>;
}

function memoryEngine(settings: StreamingSettings): Engine {
  const log = new MemorySessionLog(settings);
  return {
    log,
    lease: () => alwaysHeld,
    storeFailed: () => {},
    close: () => log.close(),
  };
}

function redisEngine(shared: SharedRedis, options: EventHubOptions): Engine {
  const { settings } = options;
  const connections: EventsRedis = connectEventsRedis(shared, {
    logger: options.logger,
    metrics: options.metrics,
    commandTimeoutMs: options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS,
    blockMs: RELAY_BLOCK_MS,
  });
  const keys = eventKeys(options.keyPrefix ?? 'ecg:');
  const timings = leaseTimings(settings.leaseMs);
  const relay = new RedisRelay({ blocking: connections.blocking, commands: connections.commands, blockMs: RELAY_BLOCK_MS, failed: connections.failed, succeeded: connections.succeeded });
  const log = new RedisSessionLog({ commands: connections.commands, relay, keys, leaseTtlMs: timings.ttlMs, retainEvents: settings.retainEvents, retainMs: settings.retainMs });
  const leases = new RedisLeases(connections.commands, keys);
  return {
    log,
    lease: (key) => leases.keeper(key, timings, connections.failed),
    storeFailed: connections.failed,
    close: async () => {
      // The relay may be blocked in a read that no command can cut short when Redis is away: its connection goes first.
      const relayStopped = log.close();
      await connections.close();
      await relayStopped;
    },
  };
}

class Hub implements EventHub {
  private readonly engine: Engine;
  private readonly channels = new Map<string, SessionChannel>();
  /** Channels that went idle and are still stopping: a new one for the session waits for it. */
  private readonly stopping = new Map<string, Promise<void>>();
  private readonly open = new Set<Subscriber>();
  private readonly perCredential = new Map<string, number>();
  private closed = false;

  constructor(private readonly options: EventHubOptions) {
    this.engine = options.redis ? redisEngine(options.redis, options) : memoryEngine(options.settings);
  }

  get size(): number {
    return this.open.size;
  }

  subscribe(request: SubscribeRequest): EventSubscription {
    const { settings, metrics } = this.options;
    const key = sessionKey(request);
    const credential = credentialHash({ organization: request.organization, authorization: request.credentials.authorization });
    const fields = { session: key.short, organization: request.organization };
    let channel: SessionChannel | null = null;
    const subscriber: Subscriber = new Subscriber({
      kinds: request.kinds,
      after: request.after,
      bufferEvents: settings.subscriberBufferEvents,
      ...(request.buffered ? { buffered: request.buffered } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      onEnd: (ended, reason) => {
        // Only one that was admitted is open and counted.
        if (this.open.delete(ended)) {
          this.count(credential, -1);
          metrics.subscriptionsActive.dec();
        }
        this.ended(fields, reason);
        channel?.remove(ended);
      },
    });
    if (subscriber.ended) return subscriber; // its signal had aborted already
    if (this.closed) {
      subscriber.end('SHUTTING_DOWN');
      return subscriber;
    }
    if (this.open.size >= settings.maxSubscriptions || (this.perCredential.get(credential) ?? 0) >= settings.maxSubscriptionsPerCredential) {
      subscriber.end('TOO_MANY_SUBSCRIPTIONS');
      return subscriber;
    }
    this.open.add(subscriber);
    this.count(credential, 1);
    metrics.subscriptionsActive.inc();
    channel = this.channelOf(key, request);
    channel.add(subscriber);
    return subscriber;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscriber of [...this.open]) subscriber.end('SHUTTING_DOWN');
    const channels = [...this.channels.values()];
    for (const channel of channels) channel.close();
    await Promise.all([...channels.map((channel) => channel.stopped), ...this.stopping.values()]);
    await this.engine.close();
  }

  private channelOf(key: SessionKey, request: SubscribeRequest): SessionChannel {
    const existing = this.channels.get(key.id);
    if (existing) return existing;
    const { settings, logger, metrics } = this.options;
    const channel = new SessionChannel({
      key,
      target: { organization: request.organization, sessionId: request.sessionId, credentials: request.credentials },
      log: this.engine.log,
      lease: this.engine.lease(key),
      transport: this.options.client,
      maxEvents: settings.maxEvents,
      endingWaitMs: settings.leaseMs,
      logger,
      metrics,
      storeFailed: this.engine.storeFailed,
      previous: this.stopping.get(key.id) ?? null,
      onIdle: (idle) => {
        if (this.channels.get(key.id) !== idle) return;
        this.channels.delete(key.id);
        const stopped = idle.stopped.finally(() => {
          if (this.stopping.get(key.id) === stopped) this.stopping.delete(key.id);
        });
        this.stopping.set(key.id, stopped);
      },
    });
    this.channels.set(key.id, channel);
    return channel;
  }

  private count(credential: string, delta: number): void {
    const count = (this.perCredential.get(credential) ?? 0) + delta;
    if (count > 0) this.perCredential.set(credential, count);
    else this.perCredential.delete(credential);
  }

  private ended(fields: { readonly session: string; readonly organization: string }, reason: EndReason): void {
    const label = reasonLabel(reason);
    this.options.metrics.subscriptionsEnded.inc({ reason: label });
    if (reason === 'client') this.options.logger.debug({ ...fields, reason: label }, 'subscription ended');
    else this.options.logger.info({ ...fields, reason: label }, 'subscription ended');
  }
}

export function createEventHub(options: EventHubOptions): EventHub {
  return new Hub(options);
}
