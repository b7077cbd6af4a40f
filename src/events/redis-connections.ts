/**
 * The event engine's own connections to the shared Redis (`REDIS_URL`), duplicated from the
 * gateway's client: that one fails fast (50 ms, no offline queue) for the rate limits, where the
 * engine can wait longer for a reply, and its relay blocks on reads, which needs a connection of
 * its own. Both reconnect by themselves. A failure is counted (`redis_errors_total{operation="events"}`)
 * and logged at most once in a while; nothing ends a subscription for it, delivery waits.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { closeConnection, errorText, RareWarning, type SharedRedis } from '../state/redis.js';

export interface EventsRedis {
  /** Stores, snapshots, leases: replies within `commandTimeoutMs` or fail. */
  readonly commands: Redis;
  /** The relay's blocking reads. */
  readonly blocking: Redis;
  failed(error: unknown): void;
  succeeded(): void;
  close(): Promise<void>;
}

export interface EventsRedisOptions {
  readonly logger: Logger;
  readonly metrics: Pick<GatewayMetrics, 'redisErrors'>;
  readonly commandTimeoutMs: number;
  /** The longest block of one relay read; its connection's timeout is this plus `commandTimeoutMs`. */
  readonly blockMs: number;
  /** At most one warning per this many ms. Default 30 s. */
  readonly warnIntervalMs?: number;
}

export function connectEventsRedis(shared: SharedRedis, options: EventsRedisOptions): EventsRedis {
  const name = 'engagement-center-gateway-events';
  const commands = shared.client.duplicate({ commandTimeout: options.commandTimeoutMs, connectionName: name });
  const blocking = shared.client.duplicate({ commandTimeout: options.blockMs + options.commandTimeoutMs, connectionName: name });
  const warning = new RareWarning(
    options.logger,
    'Redis is not answering: agent events wait for it (no subscription ends; delivery resumes once it is back)',
    { redis: shared.address },
    options.warnIntervalMs ?? 30_000,
    Date.now,
  );
  const failed = (error: unknown): void => {
    options.metrics.redisErrors.inc({ operation: 'events' });
    warning.failed({ error: errorText(error) });
  };
  const succeeded = (): void => warning.recovered('Redis answers again: agent events are delivered through it');
  // Without a listener an 'error' event would end the process; each failed reconnection emits one.
  commands.on('error', failed);
  blocking.on('error', failed);
  return {
    commands,
    blocking,
    failed,
    succeeded,
    close: async () => {
      // The relay may be blocked in a read: no QUIT can pass it.
      blocking.disconnect(false);
      await closeConnection(commands);
    },
  };
}
