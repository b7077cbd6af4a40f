/**
 * Event hubs for tests, built as the gateway builds them: a real `StreamingClient` on its own
 * undici agent against a loopback upstream, and, for replicas, a real Redis (`connectRedis`).
 * Subscriptions are read in the background into arrays; waits are for conditions, with bounds
 * generous enough for a loaded machine.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { readConfig, type StreamingSettings } from '../../src/config/read-config.js';
import { StreamingClient, type StreamingClientOptions } from '../../src/datasources/streaming-client.js';
import { createEventHub, SubscriptionEnded, type AgentEvent, type EventHub, type EventSubscription, type SubscribeRequest } from '../../src/events/event-hub.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import { redisUrl } from '../../src/config/url-parsers.js';
import { connectRedis, type SharedRedis } from '../../src/state/redis.js';
import { captureLogs, type CapturedLogs } from './logs.js';
import type { StreamingUpstream } from './streaming-upstream.js';

export const streamingDefaults: StreamingSettings = readConfig({}).streaming;

export interface TestHub {
  readonly hub: EventHub;
  readonly metrics: GatewayMetrics;
  readonly logs: CapturedLogs;
  readonly redis: SharedRedis | null;
  readonly client: StreamingClient;
  /** Closes the hub, then its Redis client and agent. */
  close(): Promise<void>;
}

export interface TestHubOptions {
  readonly baseUrl: string;
  readonly redisUrl?: string;
  readonly settings?: Partial<StreamingSettings>;
  readonly client?: Partial<Omit<StreamingClientOptions, 'baseUrl' | 'dispatcher'>>;
  readonly keyPrefix?: string;
}

export function startHub(options: TestHubOptions): TestHub {
  const logs = captureLogs();
  const metrics = new GatewayMetrics();
  const agent = new Agent({ connect: { timeout: 2_000 } });
  const redis = options.redisUrl ? connectRedis({ address: redisUrl.parse(options.redisUrl, 'REDIS_URL'), logger: logs.logger, metrics }) : null;
  const client = new StreamingClient({ baseUrl: options.baseUrl, dispatcher: agent, timeoutMs: 5_000, pollTimeoutMs: 40_000, ...options.client });
  const hub = createEventHub({
    redis,
    client,
    settings: { ...streamingDefaults, ...options.settings },
    metrics,
    logger: logs.logger,
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
  });
  let closed: Promise<void> | undefined;
  return {
    hub,
    metrics,
    logs,
    redis,
    client,
    close: () =>
      (closed ??= (async () => {
        await hub.close();
        await redis?.close();
        await agent.close();
      })()),
  };
}

export interface Collected {
  readonly subscription: EventSubscription;
  readonly events: AgentEvent[];
  /** The sequence numbers received, in order. */
  ids(): number[];
  /** Settles when the subscription ends: 'done', or the error it ended with. */
  readonly ended: Promise<'done' | SubscriptionEnded | unknown>;
  /** What it ended with, once it has. */
  outcome(): 'done' | SubscriptionEnded | unknown;
}

/** Reads `subscription` in the background. */
export function collect(subscription: EventSubscription): Collected {
  const events: AgentEvent[] = [];
  let outcome: unknown;
  const ended = (async () => {
    try {
      for await (const event of subscription) events.push(event);
      outcome = 'done';
    } catch (error) {
      outcome = error;
    }
    return outcome;
  })();
  return { subscription, events, ids: () => events.map((event) => event.sequenceNumber), ended, outcome: () => outcome };
}

export const credentials = (token: string, apiKey: string | null = 'key-1') => ({ authorization: `Bearer ${token}`, apiKey });

export function request(organization: string, sessionId: string, token: string, extra: Partial<SubscribeRequest> = {}): SubscribeRequest {
  return { organization, sessionId, credentials: credentials(token), after: null, kinds: null, ...extra };
}

/** Subscribes, reads in the background, and waits until the subscription is established. */
export async function subscribed(hub: EventHub, subscribe: SubscribeRequest): Promise<Collected> {
  const subscription = hub.subscribe(subscribe);
  const collected = collect(subscription);
  await subscription.established;
  return collected;
}

/** Waits until `condition` holds, checking every 20 ms, at most `withinMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Not within ${withinMs} ms: ${what}`);
    await sleep(20);
  }
}

/** Once `sequenceNumber` is acknowledged and the session's next retrieval is held (a scripted answer then applies to the one after it). */
export const heldAfter = (upstream: StreamingUpstream, session: string, sequenceNumber: number): Promise<void> =>
  waitFor(
    `a retrieval held after ${sequenceNumber} was acknowledged`,
    () => upstream.acknowledgements.some((ack) => ack.sessionId === session && ack.sequenceNumber === sequenceNumber) && upstream.inFlight(session) === 1,
  );

export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);

/** A metric's value (summed over series matching `labels`). */
export async function metricValue(metrics: GatewayMetrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((entry) => entry.name === name);
  return (metric?.values ?? [])
    .filter((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label))
    .reduce((sum, value) => sum + value.value, 0);
}

/** A subscription's ending code, or what it ended with when not a `SubscriptionEnded`. */
export const endingOf = (collected: Collected): unknown => {
  const outcome = collected.outcome();
  return outcome instanceof SubscriptionEnded ? outcome.code : outcome;
};
