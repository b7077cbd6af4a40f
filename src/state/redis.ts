/**
 * The Redis that replicas share (`REDIS_URL`), through one ioredis client tuned to fail fast:
 * Redis is an aid, never a dependency. When it is unreachable or slow every command to it fails
 * within `commandTimeoutMs` (or at once when there is no connection), the caller serves on
 * without the shared state (fail open), a counter goes up and a warning is logged at most once
 * per `warnIntervalMs`. The client reconnects by itself, forever, with a backoff of at most
 * `maxReconnectDelayMs`, so the shared state is used again within about a second of Redis being
 * back.
 */
import { Redis } from 'ioredis';
import type { RedisAddress } from '../config/url-parsers.js';
import type { GatewayMetrics } from '../observability/metrics.js';

/** The pino methods this module logs with; a pino `Logger` fits. */
export interface StateLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** Milliseconds since the epoch. */
type Clock = () => number;

/** What a Redis failure interrupted, the `operation` label of `redis_errors_total`. */
export type RedisOperation = 'connection' | 'rate_limit' | 'persisted_query' | 'events';

export interface RedisStateOptions {
  /** `REDIS_URL`, read by the settings (user and password are never logged). */
  readonly address: RedisAddress;
  readonly logger: StateLogger;
  readonly metrics?: Pick<GatewayMetrics, 'redisErrors'>;
  /** Longest wait for one reply before serving without Redis. Default 50 ms. */
  readonly commandTimeoutMs?: number;
  /** Longest wait for a connection to be established. Default 1000 ms. */
  readonly connectTimeoutMs?: number;
  /** Longest pause between two reconnection attempts. Default 1000 ms. */
  readonly maxReconnectDelayMs?: number;
  /** At most one warning per this many ms while Redis fails. Default 30 s. */
  readonly warnIntervalMs?: number;
  readonly now?: Clock;
}

/** The shared client and the one place its failures are reported. */
export interface SharedRedis {
  readonly client: Redis;
  /** `host:port/db` of the server, for log lines (no credentials). */
  readonly address: string;
  /** Counts a failure (`redis_errors_total`) and logs it, at most once per interval. */
  failed(operation: RedisOperation, error: unknown): void;
  /** Reports a command that worked: after failures, logs once that Redis answers again. */
  succeeded(): void;
  /** Ends the connection (QUIT when connected); no reconnection afterwards. */
  close(): Promise<void>;
}


export const DEFAULT_COMMAND_TIMEOUT_MS = 50;
const DEFAULT_CONNECT_TIMEOUT_MS = 1000;
const DEFAULT_MAX_RECONNECT_DELAY_MS = 1000;
const DEFAULT_WARN_INTERVAL_MS = 30_000;

/**
 * Logs a recurring failure at most once per interval, with how many were not logged since; and
 * once, at info, when things work again.
 */
export class RareWarning {
  private lastWarnedAt = Number.NEGATIVE_INFINITY;
  private unlogged = 0;
  private failing = false;

  constructor(
    private readonly logger: StateLogger,
    private readonly message: string,
    private readonly fields: object,
    private readonly intervalMs: number,
    private readonly now: Clock,
  ) {}

  /** Whether a failure was reported since the last `recovered`. */
  get isFailing(): boolean {
    return this.failing;
  }

  failed(fields: object): void {
    this.failing = true;
    const now = this.now();
    if (now - this.lastWarnedAt < this.intervalMs) {
      this.unlogged += 1;
      return;
    }
    this.logger.warn({ ...this.fields, ...fields, unloggedSinceLastWarning: this.unlogged }, this.message);
    this.lastWarnedAt = now;
    this.unlogged = 0;
  }

  recovered(message: string): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.info({ ...this.fields }, message);
  }
}

/** An error's message as a log field: short, never an object that could carry more. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 200);

/** QUIT when the connection is up (what is pending is answered first), else drop it. */
export async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status === 'ready') {
    try {
      await connection.quit();
      return;
    } catch {
      // fall through
    }
  }
  connection.disconnect(false);
}

/** Connects (in the background: this returns at once) and keeps reconnecting until `close`. */
export function connectRedis(options: RedisStateOptions): SharedRedis {
  const { address } = options;
  const where = `${address.host}:${address.port}/${address.db}`;
  const maxDelay = options.maxReconnectDelayMs ?? DEFAULT_MAX_RECONNECT_DELAY_MS;
  const client = new Redis({
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.tls ? { tls: { servername: address.host } } : {}),
    ...(address.username === undefined ? {} : { username: address.username }),
    ...(address.password === undefined ? {} : { password: address.password }),
    // Fail fast: no queue while disconnected (a command fails at once), a bound on every reply,
    // nothing resent after a reconnection (a rate-limit command resent later would count twice).
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // Forever, 50 ms, 100 ms, 200 ms … up to maxDelay, with some jitter so replicas spread out.
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times - 1, 10), maxDelay) + Math.floor(Math.random() * 50),
    // RESP2 and no CLIENT SETINFO: nothing here needs RESP3, and any Redis (or compatible) answers.
    protocol: 2,
    disableClientInfo: true,
    connectionName: 'engagement-center-gateway',
  });
  const metrics = options.metrics;
  const warning = new RareWarning(
    options.logger,
    'Redis is not answering: commands are served without shared rate limits and persisted queries are kept in this process until it is back',
    { redis: where },
    options.warnIntervalMs ?? DEFAULT_WARN_INTERVAL_MS,
    options.now ?? Date.now,
  );
  const failed = (operation: RedisOperation, error: unknown): void => {
    metrics?.redisErrors.inc({ operation });
    warning.failed({ operation, error: errorText(error) });
  };
  // Without a listener an 'error' event would end the process; each failed reconnection emits one.
  client.on('error', (error: unknown) => failed('connection', error));
  const succeeded = (): void => {
    if (warning.isFailing) warning.recovered('Redis answers again: shared rate limits and persisted queries are back');
  };
  client.on('ready', succeeded);
  return {
    client,
    address: where,
    failed,
    succeeded,
    close: () => closeConnection(client),
  };
}
