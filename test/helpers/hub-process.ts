/**
 * A replica in a process of its own, for tests that kill it (SIGKILL: no lease given up, nothing
 * flushed): an event hub on Redis with one subscriber, as the gateway would build it. Run with
 * `node --import tsx hub-process.ts '<json>'`; it writes JSON lines to stdout: its log lines
 * (`msg`), `{"established":true}`, then `{"event":<sequence number>}` per event.
 */
import { Agent } from 'undici';
import { readConfig } from '../../src/config/read-config.js';
import { StreamingClient } from '../../src/datasources/streaming-client.js';
import { createEventHub } from '../../src/events/event-hub.js';
import { createLogger } from '../../src/observability/logger.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import { redisUrl } from '../../src/config/url-parsers.js';
import { connectRedis } from '../../src/state/redis.js';

export interface HubProcessConfig {
  readonly redisUrl: string;
  readonly baseUrl: string;
  readonly keyPrefix: string;
  readonly leaseMs: number;
  readonly organization: string;
  readonly sessionId: string;
  readonly authorization: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as HubProcessConfig;
const write = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const logger = createLogger('info', process.stdout);
const metrics = new GatewayMetrics();
const redis = connectRedis({ address: redisUrl.parse(config.redisUrl, 'REDIS_URL'), logger, metrics });
const client = new StreamingClient({ baseUrl: config.baseUrl, dispatcher: new Agent(), timeoutMs: 5_000, pollTimeoutMs: 40_000 });
const hub = createEventHub({ redis, client, settings: { ...readConfig({}).streaming, leaseMs: config.leaseMs }, metrics, logger, keyPrefix: config.keyPrefix });
const subscription = hub.subscribe({
  organization: config.organization,
  sessionId: config.sessionId,
  credentials: { authorization: config.authorization, apiKey: null },
  after: null,
  kinds: null,
});
await subscription.established;
write({ established: true });
for await (const event of subscription) write({ event: event.sequenceNumber });
